using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kz.MicroCredit.Identity.Tests.Cryptography;

/// <summary>Reads the real NCA test files copied under TestData/nca.</summary>
internal static class NcaTestFiles
{
    public static string PathOf(string relative) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", "nca", .. relative.Split('/')]);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>Reads a DER or PEM file; PEM is decoded to its (first) DER block.</summary>
    public static byte[] Der(string relative)
    {
        byte[] raw = Bytes(relative);
        string text = Encoding.ASCII.GetString(raw);
        int begin = text.IndexOf("-----BEGIN", StringComparison.Ordinal);
        if (begin < 0)
        {
            return raw;
        }

        int bodyStart = text.IndexOf('\n', begin) + 1;
        int end = text.IndexOf("-----END", bodyStart, StringComparison.Ordinal);
        return Convert.FromBase64String(text[bodyStart..end].Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }

    public static X509Certificate2 Cert(string relative) => X509CertificateLoader.LoadCertificate(Der(relative));
}
