using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>Reads certificates from DER or PEM bytes.</summary>
internal static class CertificateFiles
{
    public static IReadOnlyList<X509Certificate2> Load(byte[] bytes)
    {
        string text;
        try
        {
            text = System.Text.Encoding.ASCII.GetString(bytes);
        }
        catch (ArgumentException)
        {
            text = string.Empty;
        }

        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPem(text);
            return collection.Cast<X509Certificate2>().ToArray();
        }

        return [X509CertificateLoader.LoadCertificate(bytes)];
    }
}
