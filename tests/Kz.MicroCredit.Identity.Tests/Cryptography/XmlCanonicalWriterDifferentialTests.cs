using System.Text;
using System.Xml;
using FsCheck.Xunit;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Cryptography;

/// <summary>
/// The direct writer against the REFERENCE (the former import + System.Security.Cryptography.Xml transform path, kept
/// in <see cref="ReferenceCanonicalizer"/>): every XML file under TestData × every element as apex (and the document)
/// × the four algorithms × comments stripped or kept × with/without the first signature excluded × PrefixLists, then
/// generated documents. Same bytes, or the same exception type.
/// </summary>
public sealed class XmlCanonicalWriterDifferentialTests
{
    private static readonly string[] Algorithms = [XmlCanonicalWriter.C14N, XmlCanonicalWriter.C14NWithComments, XmlCanonicalWriter.ExcC14N, XmlCanonicalWriter.ExcC14NWithComments];

    public static TheoryData<string> CorpusFiles() => new(CorpusFileList());

    private static List<string> CorpusFileList()
    {
        var data = new List<string>();
        string root = Path.Combine(AppContext.BaseDirectory, "TestData");
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Load(file) is not null)
            {
                data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }

        return data;
    }

    [Fact]
    public void The_corpus_holds_the_real_Kalkan_NCA_SmartBridge_and_attack_files()
    {
        List<string> files = CorpusFileList();
        Assert.True(files.Count >= 40, $"only {files.Count} XML files found");
        Assert.Contains(files, f => f.StartsWith("nca/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("smartbridge/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("attacks/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_element_of_every_corpus_file_canonicalises_to_the_reference_bytes(string relative)
    {
        XmlDocument document = Load(Path.Combine(AppContext.BaseDirectory, "TestData", relative))!;
        int compared = CompareAll(document, ["#default", "ds xsi #default", "soap wsse wsu"]);
        Assert.True(compared > 0);
    }

    [Property(MaxTest = 250)]
    public bool Generated_documents_canonicalise_to_the_reference_bytes(int seed)
    {
        string xml = RandomXml.Generate(new Random(seed));
        XmlDocument document = SafeXml.Load(Encoding.UTF8.GetBytes(xml));
        CompareAll(document, ["a", "#default b", "lang x"]);
        return true;
    }

    [Fact]
    public void A_sandbox_signed_document_matches_the_reference_on_the_signer_entry_points()
    {
        // Same writer for the signer: CanonicalizeElement keeps comments when the algorithm does; CanonicalizeDocument drops them.
        string xml = "<?pi a?><!--c--><r xmlns=\"urn:d\" xmlns:p=\"urn:p\"><!--in--><p:x p:a=\"1\" xml:lang=\"kk\">t&#13;</p:x><ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo/></ds:Signature></r><!--after-->";
        XmlDocument document = SafeXml.Load(Encoding.UTF8.GetBytes(xml));
        var signature = (XmlElement)document.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]!;
        foreach (string algorithm in Algorithms)
        {
            Assert.Equal(ReferenceCanonicalizer.CanonicalizeDocument(document, algorithm, signature), NcaXmlCanonicalizer.CanonicalizeDocument(document, algorithm, signature));
            foreach (XmlElement element in document.GetElementsByTagName("*").OfType<XmlElement>())
            {
                Assert.Equal(ReferenceCanonicalizer.CanonicalizeElement(element, algorithm), NcaXmlCanonicalizer.CanonicalizeElement(element, algorithm));
                if (element.FirstChild is XmlElement child)
                {
                    Assert.Equal(ReferenceCanonicalizer.CanonicalizeElement(element, algorithm, null, child), NcaXmlCanonicalizer.CanonicalizeElement(element, algorithm, null, child));
                }
            }
        }
    }

    private static int CompareAll(XmlDocument document, string[] prefixLists)
    {
        var signature = document.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#").OfType<XmlElement>().FirstOrDefault()
            ?? document.GetElementsByTagName("*").OfType<XmlElement>().LastOrDefault();
        var nodes = new List<XmlNode> { document };
        nodes.AddRange(document.GetElementsByTagName("*").OfType<XmlElement>());
        int compared = 0;
        foreach (XmlNode node in nodes)
        {
            foreach (string algorithm in Algorithms)
            {
                foreach (bool strip in new[] { true, false })
                {
                    Compare(node, algorithm, null, null, strip);
                    if (signature is not null)
                    {
                        Compare(node, algorithm, null, signature, strip); // also "not a descendant" when outside
                    }

                    compared += 2;
                }

                if (algorithm == XmlCanonicalWriter.ExcC14N)
                {
                    foreach (string prefixList in prefixLists)
                    {
                        Compare(node, algorithm, prefixList, signature, stripComments: true);
                        Compare(node, algorithm, prefixList, null, stripComments: true);
                    }
                }
            }

            if (node is XmlElement element)
            {
                foreach (string algorithm in Algorithms)
                {
                    Same(() => ReferenceCanonicalizer.CanonicalizeElement(element, algorithm), () => NcaXmlCanonicalizer.CanonicalizeElement(element, algorithm), "signer " + element.Name + " " + algorithm);
                }
            }
        }

        return compared;
    }

    private static void Compare(XmlNode node, string algorithm, string? prefixList, XmlElement? exclude, bool stripComments) =>
        Same(
            () => ReferenceCanonicalizer.Canonicalize(node, algorithm, prefixList, exclude, stripComments),
            () => XmlCanonicalWriter.Canonicalize(node, algorithm, prefixList, exclude, stripComments),
            $"{Describe(node)} {algorithm} strip={stripComments} prefixes={prefixList} exclude={exclude?.Name}");

    private static void Same(Func<byte[]> reference, Func<byte[]> writer, string what)
    {
        byte[]? expected = null;
        Type? expectedError = null;
        try
        {
            expected = reference();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            expectedError = ex.GetType();
        }

        byte[]? actual = null;
        Type? actualError = null;
        try
        {
            actual = writer();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            actualError = ex.GetType();
        }

        if (expectedError is not null || actualError is not null)
        {
            Assert.True(expectedError == actualError, $"{what}: reference {expectedError?.Name ?? "ok"}, writer {actualError?.Name ?? "ok"}");
            return;
        }

        if (!expected!.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail($"{what}\nreference: {Encoding.UTF8.GetString(expected!)}\nwriter:    {Encoding.UTF8.GetString(actual!)}");
        }
    }

    private static string Describe(XmlNode node) => node is XmlDocument d ? "document:" + d.DocumentElement?.Name : node.Name;

    private static XmlDocument? Load(string file)
    {
        byte[] bytes = File.ReadAllBytes(file);
        if (file.EndsWith(".base64", StringComparison.Ordinal))
        {
            try
            {
                bytes = Convert.FromBase64String(Encoding.ASCII.GetString(bytes));
            }
            catch (FormatException)
            {
                return null;
            }
        }

        int start = 0;
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or 0xEF or 0xBB or 0xBF)
        {
            start++;
        }

        if (start >= bytes.Length || bytes[start] != (byte)'<')
        {
            return null;
        }

        return SafeXml.TryLoad(bytes, SafeXml.DefaultMaxBytes, out XmlDocument? document, out _) ? document : null;
    }
}
