using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text.Json;

namespace Kz.MicroCredit.Identity.Tests.Eds.Reference;

/// <summary>One x509-limbo test case (schema version 1), certificates as DER.</summary>
internal sealed record LimboCase(
    string Id,
    string Description,
    IReadOnlyList<byte[]> Trusted,
    IReadOnlyList<byte[]> Untrusted,
    byte[] Peer,
    DateTimeOffset? ValidationTime,
    int? MaxChainDepth,
    bool ExpectSuccess);

/// <summary>
/// Reads the bundled x509-limbo snapshot (TestData/attacks/x509-limbo) and "transposes" a case onto RSA keys.
/// </summary>
/// <remarks>
/// Limbo generates its chains with ECDSA P-256 keys (290 of 337 certificates), which the NCA validator does not verify
/// at all: run as-is, every FAILURE case would be "rejected" only because ECDSA is not an NCA algorithm, and the suite
/// would test nothing. The transposition keeps every certificate byte for byte (version, serial, names, validity,
/// extensions — including SKI/AKI values and deliberately malformed ones) and changes only the key material: each distinct
/// P-256/P-384/RSA key of a case is replaced by a distinct RSA-2048 key, ecdsa-with-SHAx by shaxWithRSAEncryption (in the
/// outer and the inner AlgorithmIdentifier independently, so a mismatch between them stays a mismatch; RSA algorithms,
/// sha1WithRSA of the online roots' self-signatures included, stay what they are), and every
/// certificate is re-signed by the replacement of the key whose original signature verified it. A certificate that no
/// key of the case signed is re-signed by a stranger key, so it still has no issuer. Keys limbo uses as "forbidden"
/// (DSA, P-192) are not replaced, and a certificate signed by such a key, or with a signature algorithm that has no RSA
/// counterpart here (dsa-with-SHA256), keeps its original bytes (and signature).
/// </remarks>
internal static class LimboCorpus
{
    public const string FileName = "limbo.2023-12-02.ddc40b4.json";

    private const string RsaEncryption = "1.2.840.113549.1.1.1";
    private const string EcPublicKey = "1.2.840.10045.2.1";
    private const string DsaKey = "1.2.840.10040.4.1";
    private static readonly Lazy<IReadOnlyDictionary<string, LimboCase>> All = new(Load);
    private static readonly List<RSA> KeyPool = [];

    public static IReadOnlyDictionary<string, LimboCase> Cases => All.Value;

    /// <summary>Returns the case with each certificate's key replaced as described on the class.</summary>
    public static LimboCase Transpose(LimboCase c)
    {
        var certs = new List<Parsed?>();
        foreach (byte[] der in c.Trusted.Concat(c.Untrusted).Append(c.Peer))
        {
            certs.Add(Parsed.TryParse(der));
        }

        // Distinct keys in order of appearance; key 0 of the pool is the stranger.
        var spkis = new List<byte[]>();
        foreach (Parsed p in certs.OfType<Parsed>())
        {
            if (!spkis.Any(s => s.AsSpan().SequenceEqual(p.Spki)))
            {
                spkis.Add(p.Spki);
            }
        }

        int IndexOf(byte[] spki) => spkis.FindIndex(s => s.AsSpan().SequenceEqual(spki));
        bool[] replaceable = spkis.Select(IsReplaceableKey).ToArray();
        var issuerIndex = new Dictionary<Parsed, int>();
        foreach (Parsed p in certs.OfType<Parsed>())
        {
            issuerIndex[p] = spkis.FindIndex(s => p.IsSignedBy(s));
        }

        // A certificate whose signer key is not replaced cannot be re-signed: it stays as it is, and so does its own key
        // (other certificates signed by that key then keep their bytes too).
        var frozen = new HashSet<Parsed>();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (Parsed p in certs.OfType<Parsed>())
            {
                int issuer = issuerIndex[p];
                if (!frozen.Contains(p) && ((issuer >= 0 && !replaceable[issuer]) || !p.CanRebuild))
                {
                    frozen.Add(p);
                    replaceable[IndexOf(p.Spki)] = false;
                    changed = true;
                }
            }
        }

        var output = new List<byte[]>();
        for (int i = 0; i < certs.Count; i++)
        {
            Parsed? p = certs[i];
            byte[] original = i < c.Trusted.Count ? c.Trusted[i] : i < c.Trusted.Count + c.Untrusted.Count ? c.Untrusted[i - c.Trusted.Count] : c.Peer;
            if (p is null || frozen.Contains(p))
            {
                output.Add(original);
                continue;
            }

            int own = IndexOf(p.Spki);
            byte[] spki = replaceable[own] ? Key(own + 1).ExportSubjectPublicKeyInfo() : p.Spki;
            int issuer = issuerIndex[p];
            RSA signer = issuer >= 0 ? Key(issuer + 1) : Key(0);
            output.Add(p.Rebuild(spki, signer) ?? original);
        }

        int t = c.Trusted.Count;
        int u = c.Untrusted.Count;
        return c with { Trusted = output.Take(t).ToArray(), Untrusted = output.Skip(t).Take(u).ToArray(), Peer = output[t + u] };
    }

    private static RSA Key(int index)
    {
        lock (KeyPool)
        {
            while (KeyPool.Count <= index)
            {
                KeyPool.Add(RSA.Create(2048));
            }

            return KeyPool[index];
        }
    }

    private static bool IsReplaceableKey(byte[] spki)
    {
        try
        {
            AsnReader alg = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence().ReadSequence();
            string oid = alg.ReadObjectIdentifier();
            if (oid == RsaEncryption)
            {
                return true;
            }

            // P-256 and P-384 only: P-192 is one of limbo's "forbidden" keys.
            return oid == EcPublicKey && alg.HasData && alg.ReadObjectIdentifier() is "1.2.840.10045.3.1.7" or "1.3.132.0.34";
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static IReadOnlyDictionary<string, LimboCase> Load()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(EdsTestData.PathOf("attacks", "x509-limbo", FileName)));
        var cases = new Dictionary<string, LimboCase>(StringComparer.Ordinal);
        foreach (JsonElement e in doc.RootElement.GetProperty("testcases").EnumerateArray())
        {
            string id = e.GetProperty("id").GetString()!;
            JsonElement time = e.GetProperty("validation_time");
            JsonElement depth = e.GetProperty("max_chain_depth");
            cases.Add(id, new LimboCase(
                id,
                e.GetProperty("description").GetString() ?? string.Empty,
                e.GetProperty("trusted_certs").EnumerateArray().Select(x => Pem(x.GetString()!)).ToArray(),
                e.GetProperty("untrusted_intermediates").EnumerateArray().Select(x => Pem(x.GetString()!)).ToArray(),
                Pem(e.GetProperty("peer_certificate").GetString()!),
                time.ValueKind == JsonValueKind.Null ? null : DateTimeOffset.Parse(time.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                depth.ValueKind == JsonValueKind.Null ? null : depth.GetInt32(),
                e.GetProperty("expected_result").GetString() switch
                {
                    "SUCCESS" => true,
                    "FAILURE" => false,
                    var other => throw new InvalidDataException("Unknown expected_result " + other),
                }));
        }

        return cases;
    }

    private static byte[] Pem(string pem)
    {
        PemFields fields = PemEncoding.Find(pem);
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }

    private static string? RsaAlgorithmFor(string oid) => oid switch
    {
        "1.2.840.10045.4.3.2" or "1.2.840.113549.1.1.11" => "1.2.840.113549.1.1.11",
        "1.2.840.10045.4.3.3" or "1.2.840.113549.1.1.12" => "1.2.840.113549.1.1.12",
        "1.2.840.10045.4.3.4" or "1.2.840.113549.1.1.13" => "1.2.840.113549.1.1.13",
        "1.2.840.113549.1.1.5" => "1.2.840.113549.1.1.5",
        _ => null,
    };

    private static HashAlgorithmName? HashOf(string oid) => oid switch
    {
        "1.2.840.10045.4.3.2" or "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
        "1.2.840.10045.4.3.3" or "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
        "1.2.840.10045.4.3.4" or "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
        "2.16.840.1.101.3.4.3.2" => HashAlgorithmName.SHA256,
        "1.2.840.113549.1.1.5" => HashAlgorithmName.SHA1,
        _ => null,
    };

    private static byte[] RsaAlgorithmIdentifier(string oid)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            w.WriteNull();
        }

        return w.Encode();
    }

    private sealed class Parsed
    {
        private readonly List<byte[]> _tbsElements;
        private readonly byte[] _tbs;
        private readonly byte[] _signature;
        private readonly int _algIndex;
        private readonly string _outerOid;
        private readonly string _innerOid;

        private Parsed(List<byte[]> tbsElements, byte[] tbs, byte[] signature, int algIndex, string outerOid, string innerOid)
        {
            _tbsElements = tbsElements;
            _tbs = tbs;
            _signature = signature;
            _algIndex = algIndex;
            _outerOid = outerOid;
            _innerOid = innerOid;
        }

        public byte[] Spki => _tbsElements[_algIndex + 4];

        public static Parsed? TryParse(byte[] der)
        {
            try
            {
                AsnReader cert = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
                byte[] tbs = cert.ReadEncodedValue().ToArray();
                string outer = cert.ReadSequence().ReadObjectIdentifier();
                byte[] signature = cert.ReadBitString(out _);
                AsnReader t = new AsnReader(tbs, AsnEncodingRules.BER).ReadSequence();
                var elements = new List<byte[]>();
                while (t.HasData)
                {
                    elements.Add(t.ReadEncodedValue().ToArray());
                }

                bool hasVersion = new AsnReader(elements[0], AsnEncodingRules.BER).PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0));
                int algIndex = hasVersion ? 2 : 1;
                string inner = new AsnReader(elements[algIndex], AsnEncodingRules.BER).ReadSequence().ReadObjectIdentifier();
                return elements.Count > algIndex + 4 ? new Parsed(elements, tbs, signature, algIndex, outer, inner) : null;
            }
            catch (AsnContentException)
            {
                return null;
            }
        }

        public bool IsSignedBy(byte[] spki)
        {
            foreach (HashAlgorithmName? hash in new[] { HashOf(_outerOid), HashOf(_innerOid) })
            {
                if (hash is { } h && Verify(spki, h))
                {
                    return true;
                }
            }

            return false;
        }

        public bool CanRebuild => RsaAlgorithmFor(_outerOid) is not null && RsaAlgorithmFor(_innerOid) is not null;

        public byte[]? Rebuild(byte[] spki, RSA signer)
        {
            string? outer = RsaAlgorithmFor(_outerOid);
            string? inner = RsaAlgorithmFor(_innerOid);
            if (outer is null || inner is null)
            {
                return null;
            }

            var tbs = new AsnWriter(AsnEncodingRules.BER);
            using (tbs.PushSequence())
            {
                for (int i = 0; i < _tbsElements.Count; i++)
                {
                    tbs.WriteEncodedValue(i == _algIndex ? RsaAlgorithmIdentifier(inner) : i == _algIndex + 4 ? spki : _tbsElements[i]);
                }
            }

            byte[] tbsBytes = tbs.Encode();
            byte[] signature = signer.SignData(tbsBytes, HashOf(outer)!.Value, RSASignaturePadding.Pkcs1);
            var cert = new AsnWriter(AsnEncodingRules.BER);
            using (cert.PushSequence())
            {
                cert.WriteEncodedValue(tbsBytes);
                cert.WriteEncodedValue(RsaAlgorithmIdentifier(outer));
                cert.WriteBitString(signature);
            }

            return cert.Encode();
        }

        private bool Verify(byte[] spki, HashAlgorithmName hash)
        {
            try
            {
                string oid = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence().ReadSequence().ReadObjectIdentifier();
                if (oid == RsaEncryption)
                {
                    using var rsa = RSA.Create();
                    rsa.ImportSubjectPublicKeyInfo(spki, out _);
                    return rsa.VerifyData(_tbs, _signature, hash, RSASignaturePadding.Pkcs1);
                }

                if (oid == EcPublicKey)
                {
                    using var ec = ECDsa.Create();
                    ec.ImportSubjectPublicKeyInfo(spki, out _);
                    return ec.VerifyData(_tbs, _signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                }

                if (oid == DsaKey)
                {
                    using var dsa = DSA.Create();
                    dsa.ImportSubjectPublicKeyInfo(spki, out _);
                    return dsa.VerifyData(_tbs, _signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                }

                return false;
            }
            catch (Exception ex) when (ex is CryptographicException or AsnContentException)
            {
                return false;
            }
        }
    }
}
