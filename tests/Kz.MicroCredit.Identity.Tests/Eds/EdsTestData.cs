using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kz.MicroCredit.Identity.Eds;

namespace Kz.MicroCredit.Identity.Tests.Eds;

internal static class EdsTestData
{
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(PathOf(parts));

    public static string Text(params string[] parts) => File.ReadAllText(PathOf(parts));

    public static X509Certificate2 Certificate(params string[] parts) => CertificateFiles.Load(Bytes(parts))[0];

    /// <summary>Decodes a base64 file (SAML test responses) into XML bytes.</summary>
    public static byte[] Base64File(params string[] parts) => Convert.FromBase64String(Encoding.ASCII.GetString(Bytes(parts)).Trim());

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
