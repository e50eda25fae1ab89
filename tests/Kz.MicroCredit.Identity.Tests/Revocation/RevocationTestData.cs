using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Tests.Revocation;

internal static class RevocationTestData
{
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", "nca", .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(PathOf(parts));

    public static X509Certificate2 Cert(params string[] parts)
    {
        byte[] raw = Bytes(parts);
        return raw.Length > 0 && raw[0] == (byte)'-'
            ? X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(raw))
            : X509CertificateLoader.LoadCertificate(raw);
    }

    public static byte[] Nonce(params sbyte[] signed) => signed.Select(b => unchecked((byte)b)).ToArray();

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
}
