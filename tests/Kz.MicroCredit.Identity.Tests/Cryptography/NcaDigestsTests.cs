using System.Security.Cryptography;
using System.Text;
using Kz.MicroCredit.Identity.Cryptography;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Cryptography;

public sealed class NcaDigestsTests
{
    [Theory]
    [InlineData("1.2.398.3.10.1.3.1", "http://www.w3.org/2001/04/xmldsig-more#gost34311", 32)]
    [InlineData("1.2.398.3.10.1.3.2", "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-256", 32)]
    [InlineData("1.2.398.3.10.1.3.3", "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512", 64)]
    [InlineData("2.16.840.1.101.3.4.2.1", "http://www.w3.org/2001/04/xmlenc#sha256", 32)]
    public void Oid_and_xml_uri_name_the_same_digest(string oid, string uri, int length)
    {
        byte[] data = Encoding.UTF8.GetBytes("test123");
        byte[] byOid = NcaDigests.Compute(oid, data);

        Assert.Equal(length, byOid.Length);
        Assert.Equal(byOid, NcaDigests.Compute(uri, data));
        Assert.True(NcaDigests.TryResolve(oid, out NcaDigestAlgorithm algorithm));
        Assert.Equal(oid, NcaDigests.GetOid(algorithm));
        Assert.Equal(uri, NcaDigests.GetXmlUri(algorithm));
    }

    [Fact]
    public void Sha256_matches_the_platform_and_incremental_matches_one_shot()
    {
        byte[] data = Encoding.UTF8.GetBytes("ncalayer-rs test message");
        Assert.Equal(SHA256.HashData(data), NcaDigests.Compute(NcaOids.Sha256, data));

        foreach (NcaDigestAlgorithm algorithm in Enum.GetValues<NcaDigestAlgorithm>())
        {
            using NcaIncrementalDigest incremental = NcaDigests.CreateIncremental(algorithm);
            incremental.Append(data.AsSpan(0, 5));
            incremental.Append(data.AsSpan(5));
            Assert.Equal(NcaDigests.Compute(algorithm, data), incremental.GetHashAndReset());
        }
    }

    [Fact]
    public void Gost34311_uses_the_d_test_sbox_not_the_cryptopro_one()
    {
        byte[] data = Encoding.UTF8.GetBytes("test");
        var cryptoPro = new Org.BouncyCastle.Crypto.Digests.Gost3411Digest(
            Org.BouncyCastle.Crypto.Engines.Gost28147Engine.GetSBox("D-A"));
        cryptoPro.BlockUpdate(data, 0, data.Length);
        byte[] cryptoProHash = new byte[32];
        cryptoPro.DoFinal(cryptoProHash, 0);

        Assert.NotEqual(cryptoProHash, NcaDigests.Compute(NcaOids.Gost34311Digest, data));
    }

    [Fact]
    public void Sha1_only_when_explicitly_allowed()
    {
        Assert.Throws<CryptographicException>(() => NcaDigests.Compute(NcaOids.Sha1, [1, 2, 3]));
        Assert.Throws<CryptographicException>(() => NcaDigests.Compute(NcaDigests.XmlSha1, [1, 2, 3]));
#pragma warning disable CA5350 // the test checks the explicit SHA-1 opt-in
        Assert.Equal(SHA1.HashData(new byte[] { 1, 2, 3 }), NcaDigests.Compute(NcaOids.Sha1, [1, 2, 3], allowSha1: true));
#pragma warning restore CA5350
        Assert.Throws<CryptographicException>(() => NcaDigests.Compute("1.2.643.7.1.1.2.3", [1]));
    }

    [Fact]
    public void Digest_for_each_key_algorithm()
    {
        Assert.Equal(NcaDigestAlgorithm.Sha256, NcaDigests.DigestForKey(NcaKeyAlgorithm.Rsa));
        Assert.Equal(NcaDigestAlgorithm.Gost34311, NcaDigests.DigestForKey(NcaKeyAlgorithm.Gost2004));
        Assert.Equal(NcaDigestAlgorithm.Streebog512, NcaDigests.DigestForKey(NcaKeyAlgorithm.Gost2015_512));
        Assert.Equal(NcaDigestAlgorithm.Streebog256, NcaDigests.DigestForKey(NcaKeyAlgorithm.Gost2015_256));
    }
}
