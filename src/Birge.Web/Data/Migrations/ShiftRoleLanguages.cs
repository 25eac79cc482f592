using Microsoft.EntityFrameworkCore.Migrations;

namespace Birge.Web.Data.Migrations;

/// <summary>
/// Moving a shift's role from one column to three, the same on both providers. The role had no language, so it is taken
/// to be in the first language its opportunity's title is written in (Kazakh, Russian, English: the order readers fall
/// back in, as <see cref="Domain.LocalizedText.InLanguageOf"/> does for the API's plain string); every reader reads it as
/// before.
/// </summary>
internal static class ShiftRoleLanguages
{
    /// <summary>After "Role" became "RoleKk" and "RoleRu" and "RoleEn" were added.</summary>
    public static void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Move("Ru", Lacks("Kk"), Has("Ru")));
        migrationBuilder.Sql(Move("En", Lacks("Kk"), Lacks("Ru"), Has("En")));
    }

    /// <summary>Before "RoleRu" and "RoleEn" are dropped and "RoleKk" becomes "Role" again: one text, the reader's fallback.</summary>
    public static void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("UPDATE \"Shifts\" SET \"RoleKk\" = COALESCE(\"RoleKk\", \"RoleRu\", \"RoleEn\");");

    private static string Move(string language, params string[] conditions) =>
        $"UPDATE \"Shifts\" SET \"Role{language}\" = \"RoleKk\", \"RoleKk\" = NULL WHERE \"RoleKk\" IS NOT NULL AND EXISTS " +
        $"(SELECT 1 FROM \"Opportunities\" o WHERE o.\"Id\" = \"Shifts\".\"OpportunityId\" AND {string.Join(" AND ", conditions)});";

    private static string Has(string language) => $"COALESCE(TRIM(o.\"Title{language}\"), '') <> ''";

    private static string Lacks(string language) => $"COALESCE(TRIM(o.\"Title{language}\"), '') = ''";
}
