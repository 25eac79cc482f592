using Birge.Web.Data;
using Birge.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Operations run as the same program: <c>migrate</c> and <c>create-admin --email E --password P</c>. (The SQL of a
/// migration is shown by <c>dotnet ef migrations script</c>.)
/// </summary>
public static class Commands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "migrate" or "create-admin";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        switch (args[0])
        {
            case "migrate":
                await DatabaseInitializer.MigrateAsync(app.Services, withDemoData: false);
                Console.WriteLine("The database is up to date.");
                return 0;
            default:
                return await CreateAdminAsync(app, args);
        }
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, string[] args)
    {
        var email = Option(args, "--email");
        var password = Option(args, "--password");
        if (email is null || password is null)
        {
            Console.Error.WriteLine("Usage: create-admin --email E --password P");
            return 2;
        }

        if (Password.Check(password) is { } problem)
        {
            Console.Error.WriteLine($"The password is refused ({problem}): use 8 to 128 characters with a letter and a digit.");
            return 2;
        }

        await DatabaseInitializer.MigrateAsync(app.Services, withDemoData: false);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var db = scope.ServiceProvider.GetRequiredService<BirgeDb>();
        var account = await users.FindByEmailAsync(email);
        if (account is null)
        {
            if (!Features.Accounts.SignUp.IsEmail(email))
            {
                Console.Error.WriteLine("The e-mail is not valid.");
                return 2;
            }

            account = new Account
            {
                Email = email,
                EmailConfirmed = true,
                FullName = "Administrator",
                RegionKato = "710000000",
                CreatedAt = DateTime.UtcNow,
            };
            account.AddRole(AccountRole.Admin);
            var created = await users.CreateAsync(account, password);
            if (!created.Succeeded)
            {
                Console.Error.WriteLine("The account could not be created: " + string.Join(", ", created.Errors.Select(e => e.Code)));
                return 1;
            }

            Console.WriteLine("Created a national admin.");
            return 0;
        }

        if (account.Status != AccountStatus.Active)
        {
            Console.Error.WriteLine("That account is not active.");
            return 1;
        }

        account.AddRole(AccountRole.Admin);
        await users.UpdateSecurityStampAsync(account);
        await db.SaveChangesAsync();
        Console.WriteLine("The account is now a national admin.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
