using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kz.MicroCredit.Identity.Fuzz;

/// <summary>Loads seeds for a target from a directory tree, decoding PEM/base64 so mutations hit the structure.</summary>
internal static class SeedCorpus
{
    private static readonly byte[] SignedDataOid = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        ".p12", ".pfx", ".md", ".upstream", ".json", ".csv", ".key", ".vectors", ".crl",
    };

    /// <summary>The repo root: the first ancestor of the build output holding Kz.MicroCredit.Identity.sln.</summary>
    public static string? FindRepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kz.MicroCredit.Identity.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public static string? DefaultCorpus() =>
        FindRepoRoot() is { } root ? Path.Combine(root, "tests", "Kz.MicroCredit.Identity.Tests", "TestData") : null;

    /// <summary>
    /// Writes the target's seeds (at most <paramref name="maxBytes"/> each) to <paramref name="outputDirectory"/> as
    /// <c>seed-NNN-&lt;sha&gt;.bin</c>, for drivers that take a corpus directory (afl-fuzz); returns how many.
    /// </summary>
    public static int Export(string directory, string target, string outputDirectory, int maxBytes)
    {
        Directory.CreateDirectory(outputDirectory);
        int written = 0;
        foreach (byte[] seed in Load(directory, target).Where(s => s.Length <= maxBytes))
        {
            string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(seed))[..12];
            File.WriteAllBytes(Path.Combine(outputDirectory, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"seed-{written:D3}-{sha}.bin")), seed);
            written++;
        }

        return written;
    }

    public static List<byte[]> Load(string directory, string target)
    {
        List<byte[]> seeds = [];
        HashSet<string> seen = [];
        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Skipped.Contains(Path.GetExtension(file)) || new FileInfo(file).Length > (1 << 20))
            {
                continue;
            }

            byte[] raw = File.ReadAllBytes(file);
            foreach (byte[] blob in Expand(raw))
            {
                if (Matches(blob, target, Path.GetExtension(file)) && seen.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(blob))))
                {
                    seeds.Add(blob);
                }
            }
        }

        return seeds;
    }

    /// <summary>The file as is, plus each PEM block / a whole-file base64 decoded.</summary>
    private static IEnumerable<byte[]> Expand(byte[] raw)
    {
        yield return raw;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(raw);
        }
        catch (ArgumentException)
        {
            yield break;
        }

        int at = 0;
        bool pem = false;
        while ((at = text.IndexOf("-----BEGIN ", at, StringComparison.Ordinal)) >= 0)
        {
            int bodyStart = text.IndexOf('\n', at);
            int end = text.IndexOf("-----END ", at, StringComparison.Ordinal);
            if (bodyStart < 0 || end < 0 || end < bodyStart)
            {
                break;
            }

            if (TryBase64(text[bodyStart..end]) is { } der)
            {
                pem = true;
                yield return der;
            }

            at = end + 9;
        }

        if (!pem && TryBase64(text) is { } decoded)
        {
            yield return decoded;
        }
    }

    private static byte[]? TryBase64(string text)
    {
        string compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length < 16)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(compact);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Matches(byte[] blob, string target, string extension)
    {
        if (blob.Length == 0)
        {
            return false;
        }

        int first = 0;
        while (first < blob.Length && blob[first] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0xEF or 0xBB or 0xBF)
        {
            first++;
        }

        switch (target)
        {
            case "xml":
                return first < blob.Length && blob[first] == (byte)'<';
            case "cms":
                // DER SignedData (also TSP tokens), and the textual PEM/base64 forms of the CMS files
                return blob.AsSpan(0, Math.Min(blob.Length, 40)).IndexOf(SignedDataOid) >= 0
                    || (extension is ".p7s" or ".cms" or ".txt" && blob[0] != 0x30 && Expand(blob).Skip(1).Any(b => b.AsSpan(0, Math.Min(b.Length, 40)).IndexOf(SignedDataOid) >= 0));
            case "cert":
                if (blob[0] != 0x30)
                {
                    return false;
                }

                try
                {
                    using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(blob);
                    return true;
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    return false;
                }

            default:
                return false;
        }
    }
}
