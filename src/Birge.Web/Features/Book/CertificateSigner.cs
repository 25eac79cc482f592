using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Birge.Web.Domain;

namespace Birge.Web.Features.Book;

/// <summary>
/// Signs an issued certificate with the platform's ECDSA P-256 key, and checks the signature again on every
/// verification: a record changed in the database afterwards (other hours, another name or period, an entry removed)
/// no longer matches and is reported as not genuine.
/// The key comes from <c>Certificates:SigningKey</c> (PEM) or <c>Certificates:SigningKeyFile</c>; Development makes
/// one and keeps it under the data folder; the tests use a key held in memory; anywhere else the app does not start
/// without one.
/// </summary>
public sealed class CertificateSigner(ECDsa key) : IDisposable
{
    public const string DevelopmentKeyFile = "data/certificate-signing-key.pem";

    public static CertificateSigner FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var pem = configuration["Certificates:SigningKey"];
        var file = configuration["Certificates:SigningKeyFile"];
        if (string.IsNullOrWhiteSpace(pem) && !string.IsNullOrWhiteSpace(file))
        {
            var path = Path.GetFullPath(file, environment.ContentRootPath);
            pem = File.Exists(path)
                ? File.ReadAllText(path)
                : throw new InvalidOperationException($"Certificates:SigningKeyFile names {path}, which does not exist.");
        }

        if (string.IsNullOrWhiteSpace(pem))
        {
            if (environment.IsEnvironment("Testing"))
            {
                return new CertificateSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
            }

            if (!environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    "Certificates are signed with the platform's private key, and none is configured. Set Certificates:SigningKey "
                    + "(an ECDSA P-256 private key in PEM) or Certificates:SigningKeyFile (the path to one); make it with "
                    + "`openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt`. See docs/deploy.md.");
            }

            pem = DevelopmentKey(Path.GetFullPath(DevelopmentKeyFile, environment.ContentRootPath));
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            key.Dispose();
            throw new InvalidOperationException("Certificates:SigningKey is not a private key in PEM.", e);
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException("The certificate signing key must be an ECDSA P-256 key.");
        }

        return new CertificateSigner(key);
    }

    public string Sign(Certificate certificate) => Convert.ToBase64String(key.SignData(Payload(certificate), HashAlgorithmName.SHA256));

    public bool IsGenuine(Certificate certificate)
    {
        var signature = new byte[96];
        return Convert.TryFromBase64String(certificate.Signature, signature, out var length)
            && key.VerifyData(Payload(certificate), signature.AsSpan(0, length), HashAlgorithmName.SHA256);
    }

    /// <summary>
    /// What the signature covers, one field a line in a fixed order and format; times to the second, since databases
    /// keep different precisions.
    /// </summary>
    public static byte[] Payload(Certificate c)
    {
        var text = new StringBuilder("birge-certificate-v1\n")
            .Append(c.Code).Append('\n')
            .Append(c.HolderId.ToString("D")).Append('\n')
            .Append(c.HolderName).Append('\n')
            .Append(c.Language).Append('\n')
            .Append(Day(c.From)).Append('\n')
            .Append(Day(c.To)).Append('\n')
            .Append(Day(c.FirstDay)).Append('\n')
            .Append(Day(c.LastDay)).Append('\n')
            .Append(c.TotalMinutes.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(c.IssuedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append('\n')
            .AppendJoin(',', c.Entries.Select(e => e.HoursEntryId.ToString("D")).Order(StringComparer.Ordinal));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public void Dispose() => key.Dispose();

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>Development's own key, made once and kept next to the SQLite database so certificates survive restarts.</summary>
    private static string DevelopmentKey(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, pem);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return pem;
    }
}
