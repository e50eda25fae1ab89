using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// CRLs (base and delta, DER or PEM) read from local files: the offline mode. Each file is read and parsed once; a CRL
/// is used for a certificate only after it was verified against that certificate's issuer. An empty, garbage or
/// unreadable file never proves anything: it yields <see cref="RevocationStatus.Unknown"/> with a reason code.
/// </summary>
internal sealed class FileCrlSource
{
    private readonly Lazy<Loaded> _loaded;
    private readonly ConcurrentDictionary<(int Index, string Issuer), bool> _verified = new();

    /// <summary>Initializes a new instance of the <see cref="FileCrlSource"/> class.</summary>
    /// <param name="paths">The CRL files, base and delta in any order.</param>
    public FileCrlSource(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string[] files = paths.ToArray();
        Paths = files;
        _loaded = new Lazy<Loaded>(() => Load(files), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the files.</summary>
    public IReadOnlyList<string> Paths { get; }

    internal CrlLookup Find(X509Certificate2 issuer)
    {
        Loaded loaded = _loaded.Value;
        var lookup = new CrlLookup();
        string thumbprint = issuer.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        for (int i = 0; i < loaded.Documents.Count; i++)
        {
            (CrlDocument doc, string origin) = loaded.Documents[i];
            if (!RevocationSignatures.NamesEqual(doc.Issuer, issuer.SubjectName.RawData))
            {
                continue;
            }

            if (!_verified.GetOrAdd((i, thumbprint), _ => doc.IsIssuedBy(issuer)))
            {
                lookup.Fail(ReasonCode.CrlSignatureInvalid);
                continue;
            }

            (doc.IsDelta ? lookup.Deltas : lookup.Bases).Add(new VerifiedCrl(doc, origin));
        }

        if (lookup.Bases.Count == 0 && lookup.Deltas.Count == 0)
        {
            lookup.Fail(loaded.Failure ?? ReasonCode.RevocationSourceNotConfigured);
        }

        return lookup;
    }

    private static Loaded Load(string[] files)
    {
        var loaded = new Loaded();
        foreach (string file in files)
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                loaded.Failure ??= ReasonCode.CrlUnavailable;
                continue;
            }

            try
            {
                loaded.Documents.Add((CrlDocument.Parse(content), "file:" + Path.GetFileName(file)));
            }
            catch (CrlFormatException)
            {
                loaded.Failure ??= ReasonCode.CrlMalformed;
            }
        }

        return loaded;
    }

    private sealed class Loaded
    {
        public List<(CrlDocument Document, string Origin)> Documents { get; } = [];

        public ReasonCode? Failure { get; set; }
    }
}
