using System.Security.Cryptography;
using Birge.Web.Domain;
using Birge.Web.Features.Book;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting.Internal;

namespace Birge.Tests.Features.Book;

public sealed class CertificateCodeTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void New_codes_are_twelve_unambiguous_characters_and_pass_their_check()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = CertificateCode.New();
            Assert.Equal(12, code.Length);
            Assert.All(code, c => Assert.Contains(c, Alphabet));
            Assert.Equal(CodeCheck.Valid, CertificateCode.Parse(code, out var parsed));
            Assert.Equal(code, parsed);
        }
    }

    [Fact]
    public void Every_single_changed_character_is_caught_by_the_check_character()
    {
        var code = CertificateCode.New();
        for (var position = 0; position < code.Length; position++)
        {
            foreach (var other in Alphabet.Where(c => c != code[position]))
            {
                var changed = code[..position] + other + code[(position + 1)..];
                Assert.Equal(CodeCheck.Typo, CertificateCode.Parse(changed, out _));
            }
        }
    }

    [Theory]
    [InlineData("abcd-efgh-jkm", CodeCheck.Malformed)]
    [InlineData("ABCD-EFGH-JKMNP", CodeCheck.Malformed)]
    [InlineData("ABCD-EFGH-JKU1", CodeCheck.Malformed)]
    [InlineData("", CodeCheck.Malformed)]
    public void Malformed_codes_are_told_apart(string input, CodeCheck expected) =>
        Assert.Equal(expected, CertificateCode.Parse(input, out _));

    [Fact]
    public void Lower_case_dashes_spaces_and_look_alike_letters_are_read_as_meant()
    {
        var code = CertificateCode.New();
        var typed = CertificateCode.Format(code).ToLowerInvariant().Replace('0', 'o').Replace('1', 'l').Replace("-", " - ", StringComparison.Ordinal);

        Assert.Equal(CodeCheck.Valid, CertificateCode.Parse(typed, out var parsed));
        Assert.Equal(code, parsed);
    }

    [Theory]
    [InlineData("Айгерим Б.", "А***м Б.")]
    [InlineData("Әсел Қайратқызы Үсенова", "Ә***л Қ. Ү.")]
    [InlineData("Ли", "Л***")]
    [InlineData("", "***")]
    public void Names_are_partly_masked(string name, string masked) => Assert.Equal(masked, VolunteerBook.Mask(name));

    [Fact]
    public void A_signature_no_longer_matches_once_a_field_changes()
    {
        using var signer = new CertificateSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var certificate = new Certificate
        {
            Code = CertificateCode.New(),
            HolderId = Guid.NewGuid(),
            HolderName = "Әсел Үсенова",
            Language = "kk",
            FirstDay = new DateOnly(2026, 1, 1),
            LastDay = new DateOnly(2026, 2, 1),
            TotalMinutes = 120,
            IssuedAt = new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc),
            Entries = [new CertificateEntry { HoursEntryId = Guid.NewGuid() }],
        };
        certificate.Signature = signer.Sign(certificate);
        Assert.True(signer.IsGenuine(certificate));

        certificate.HolderName = "Басқа Адам";
        Assert.False(signer.IsGenuine(certificate));
        certificate.HolderName = "Әсел Үсенова";
        certificate.Entries.Clear();
        Assert.False(signer.IsGenuine(certificate));
        certificate.Signature = "not base64!";
        Assert.False(signer.IsGenuine(certificate));
    }

    [Fact]
    public void Production_refuses_to_start_without_a_key_and_development_keeps_the_one_it_made()
    {
        var root = Path.Combine(Path.GetTempPath(), "birge-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var empty = new ConfigurationBuilder().Build();
            var production = Environment("Production", root);
            var error = Assert.Throws<InvalidOperationException>(() => CertificateSigner.FromConfiguration(empty, production));
            Assert.Contains("Certificates:SigningKey", error.Message, StringComparison.Ordinal);

            var development = Environment("Development", root);
            var certificate = new Certificate { Code = CertificateCode.New(), HolderName = "Әсел", Language = "kk" };
            using (var first = CertificateSigner.FromConfiguration(empty, development))
            {
                certificate.Signature = first.Sign(certificate);
            }

            Assert.True(File.Exists(Path.Combine(root, "data", "certificate-signing-key.pem")));
            using (var again = CertificateSigner.FromConfiguration(empty, development))
            {
                Assert.True(again.IsGenuine(certificate));
            }

            // Production with the same key from a file accepts what Development signed.
            var configured = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Certificates:SigningKeyFile"] = "data/certificate-signing-key.pem" })
                .Build();
            using var fromFile = CertificateSigner.FromConfiguration(configured, production);
            Assert.True(fromFile.IsGenuine(certificate));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static HostingEnvironment Environment(string name, string root) =>
        new() { EnvironmentName = name, ContentRootPath = root, ApplicationName = "Birge.Web", ContentRootFileProvider = new NullFileProvider() };
}
