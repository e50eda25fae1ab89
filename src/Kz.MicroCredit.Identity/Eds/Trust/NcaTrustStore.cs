using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// The trust anchors a signer's certificate must chain to, plus known CA certificates that help build paths (never
/// trusted by themselves). Certificates carried inside a CMS or XML signature are hints, never trust.
/// </summary>
public sealed class NcaTrustStore
{
    private static readonly Lazy<NcaTrustStore> ProductionStore = new(() => LoadBundled("production", "production"));
    private static readonly Lazy<NcaTrustStore> TestStore = new(() => LoadBundled("test", "test"));

    private NcaTrustStore(string name, IReadOnlyList<X509Certificate2> anchors, IReadOnlyList<X509Certificate2> intermediates)
    {
        Name = name;
        Anchors = anchors;
        Intermediates = intermediates;
        AnchorThumbprints = anchors.Select(Sha256Thumbprint).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Gets the bundled production NCA RK store: the GOST and RSA roots of every generation (2015, 2020, 2022) as anchors
    /// and their issuing CAs (NCA GOST/RSA 2018 and 2022, KUC GO, BTSD) as path-building intermediates.
    /// </summary>
    public static NcaTrustStore Production => ProductionStore.Value;

    /// <summary>Gets the bundled NCA test store (test roots 2018 and 2022 and their issuing CAs). Never use it in production.</summary>
    public static NcaTrustStore Test => TestStore.Value;

    /// <summary>Gets a name for reports: <c>production</c>, <c>test</c> or <c>custom</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the anchors: a path ending at one of them is trusted.</summary>
    public IReadOnlyList<X509Certificate2> Anchors { get; }

    /// <summary>Gets the known intermediate CA certificates (used to build paths, not trusted by themselves).</summary>
    public IReadOnlyList<X509Certificate2> Intermediates { get; }

    internal HashSet<string> AnchorThumbprints { get; }

    /// <summary>Creates a store with exactly these anchors (self-signed or not: every certificate given is an anchor).</summary>
    /// <param name="anchors">The anchors.</param>
    /// <param name="intermediates">Optional known intermediates.</param>
    /// <returns>The store.</returns>
    public static NcaTrustStore Custom(IEnumerable<X509Certificate2> anchors, IEnumerable<X509Certificate2>? intermediates = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        X509Certificate2[] a = anchors.ToArray();
        if (a.Length == 0)
        {
            throw new ArgumentException("At least one anchor is needed.", nameof(anchors));
        }

        return new NcaTrustStore("custom", a, intermediates?.ToArray() ?? []);
    }

    /// <summary>Combines stores (e.g. production plus a lender's own anchors).</summary>
    /// <param name="stores">The stores.</param>
    /// <returns>The union.</returns>
    public static NcaTrustStore Combine(params NcaTrustStore[] stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        return new NcaTrustStore(
            string.Join("+", stores.Select(s => s.Name)),
            stores.SelectMany(s => s.Anchors).ToArray(),
            stores.SelectMany(s => s.Intermediates).ToArray());
    }

    /// <summary>Loads every certificate (.cer, .crt, .pem, DER or PEM) of a folder as an anchor.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException">The folder holds no certificate.</exception>
    public static NcaTrustStore FromFolder(string folder)
    {
        var anchors = new List<X509Certificate2>();
        foreach (string file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            string ext = Path.GetExtension(file).ToUpperInvariant();
            if (ext is ".CER" or ".CRT" or ".PEM" or ".DER")
            {
                anchors.AddRange(CertificateFiles.Load(File.ReadAllBytes(file)));
            }
        }

        return Custom(anchors);
    }

    internal bool IsAnchor(X509Certificate2 certificate) => AnchorThumbprints.Contains(Sha256Thumbprint(certificate));

    internal static string Sha256Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);

    private static NcaTrustStore LoadBundled(string folder, string name)
    {
        Assembly assembly = typeof(NcaTrustStore).Assembly;
        string prefix = "Kz.MicroCredit.Identity.Eds.Trust.Bundled." + folder + ".";
        var anchors = new List<X509Certificate2>();
        var intermediates = new List<X509Certificate2>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            foreach (X509Certificate2 cert in CertificateFiles.Load(buffer.ToArray()))
            {
                (cert.SubjectName.RawData.AsSpan().SequenceEqual(cert.IssuerName.RawData) ? anchors : intermediates).Add(cert);
            }
        }

        return new NcaTrustStore(name, anchors, intermediates);
    }
}
