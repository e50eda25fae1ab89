using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Kz.MicroCredit.Identity.Signing;

/// <summary>
/// Signs with an NCA key file (PKCS#12: RSA, GOST 34.310-2004 or GOST 34.10-2015). The file is parsed without
/// BouncyCastle's <c>Pkcs12Store</c> (which rejects GOST keys): the MAC is checked, the shrouded key bag decrypted and the
/// PrivateKeyInfo read in the NCA encoding (docs/nca-formats.md §5a), and the private key must match the certificate.
/// </summary>
public sealed class Pkcs12NcaSigner : INcaSigner, IDisposable
{
    private readonly NcaPrivateKeySigner _inner;

    private Pkcs12NcaSigner(NcaPrivateKeySigner inner, IReadOnlyList<X509Certificate2> otherCertificates)
    {
        _inner = inner;
        OtherCertificates = otherCertificates;
    }

    /// <inheritdoc/>
    public NcaKeyAlgorithm Algorithm => _inner.Algorithm;

    /// <inheritdoc/>
    public X509Certificate2 Certificate => _inner.Certificate;

    /// <summary>Gets the other certificates of the file (CA certificates, when the file carries them).</summary>
    public IReadOnlyList<X509Certificate2> OtherCertificates { get; }

    /// <inheritdoc/>
    public string SignatureAlgorithmOid => _inner.SignatureAlgorithmOid;

    /// <inheritdoc/>
    public string XmlSignatureMethodUri => _inner.XmlSignatureMethodUri;

    /// <inheritdoc/>
    public string XmlDigestMethodUri => _inner.XmlDigestMethodUri;

    /// <inheritdoc/>
    public string DigestOid => _inner.DigestOid;

    /// <summary>Gets the in-memory key (for the BouncyCastle signature factory).</summary>
    internal NcaPrivateKey Key => _inner.Key;

    /// <summary>Loads a key file from a path.</summary>
    /// <param name="path">The .p12 file.</param>
    /// <param name="password">Its password.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="NcaKeyFileException">The file cannot be used; <see cref="NcaKeyFileException.Error"/> says why.</exception>
    public static Pkcs12NcaSigner LoadFile(string path, string password) => Load(File.ReadAllBytes(path), password);

    /// <summary>Loads a key file.</summary>
    /// <param name="pkcs12">The PKCS#12 bytes.</param>
    /// <param name="password">Its password.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="NcaKeyFileException">The file cannot be used; <see cref="NcaKeyFileException.Error"/> says why.</exception>
    public static Pkcs12NcaSigner Load(byte[] pkcs12, string password)
    {
        ArgumentNullException.ThrowIfNull(pkcs12);
        ArgumentNullException.ThrowIfNull(password);
        char[] passwordChars = password.ToCharArray();
        try
        {
            return LoadCore(pkcs12, passwordChars);
        }
        finally
        {
            Array.Clear(passwordChars);
        }
    }

    /// <inheritdoc/>
    public byte[] ComputeDigest(ReadOnlySpan<byte> data) => _inner.ComputeDigest(data);

    /// <inheritdoc/>
    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        _inner.SignAsync(data, cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        _inner.Dispose();
        foreach (X509Certificate2 certificate in OtherCertificates)
        {
            certificate.Dispose();
        }
    }

    private static Pkcs12NcaSigner LoadCore(byte[] bytes, char[] password)
    {
        Pfx pfx;
        Asn1OctetString authSafeData;
        try
        {
            pfx = Pfx.GetInstance(Asn1Object.FromByteArray(bytes));
            if (!PkcsObjectIdentifiers.Data.Equals(pfx.AuthSafe.ContentType))
            {
                throw new NcaKeyFileException(NcaKeyFileError.NotPkcs12);
            }

            authSafeData = Asn1OctetString.GetInstance(pfx.AuthSafe.Content);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or FormatException or InvalidOperationException)
        {
            throw new NcaKeyFileException(NcaKeyFileError.NotPkcs12, ex);
        }

        if (pfx.MacData is { } mac && !MacMatches(mac, authSafeData.GetOctets(), password))
        {
            throw new NcaKeyFileException(NcaKeyFileError.WrongPassword);
        }

        var keyInfos = new List<PrivateKeyInfo>();
        var certificates = new List<byte[]>();
        try
        {
            foreach (Asn1Encodable element in Asn1Sequence.GetInstance(Asn1Object.FromByteArray(authSafeData.GetOctets())))
            {
                var contentInfo = ContentInfo.GetInstance(element);
                byte[] safeContents;
                if (PkcsObjectIdentifiers.Data.Equals(contentInfo.ContentType))
                {
                    safeContents = Asn1OctetString.GetInstance(contentInfo.Content).GetOctets();
                }
                else if (PkcsObjectIdentifiers.EncryptedData.Equals(contentInfo.ContentType))
                {
                    safeContents = Decrypt(EncryptedData.GetInstance(contentInfo.Content), password);
                }
                else
                {
                    continue;
                }

                foreach (Asn1Encodable bagElement in Asn1Sequence.GetInstance(Asn1Object.FromByteArray(safeContents)))
                {
                    ReadBag(SafeBag.GetInstance(bagElement), password, keyInfos, certificates);
                }
            }
        }
        catch (NcaKeyFileException)
        {
            throw;
        }
        catch (InvalidCipherTextException ex)
        {
            throw new NcaKeyFileException(NcaKeyFileError.WrongPassword, ex);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or FormatException or InvalidOperationException or SecurityUtilityException)
        {
            throw new NcaKeyFileException(NcaKeyFileError.NotPkcs12, ex);
        }

        if (keyInfos.Count == 0)
        {
            throw new NcaKeyFileException(NcaKeyFileError.NoPrivateKey);
        }

        if (certificates.Count == 0)
        {
            throw new NcaKeyFileException(NcaKeyFileError.NoCertificate);
        }

        NcaPrivateKey key;
        try
        {
            key = NcaPrivateKey.FromPrivateKeyInfo(keyInfos[0]);
        }
        catch (NotSupportedException ex)
        {
            throw new NcaKeyFileException(NcaKeyFileError.UnsupportedAlgorithm, ex);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or ArgumentException or InvalidCastException)
        {
            throw new NcaKeyFileException(NcaKeyFileError.UnsupportedAlgorithm, ex);
        }

        X509Certificate2? own = null;
        var others = new List<X509Certificate2>();
        foreach (byte[] der in certificates)
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadCertificate(der);
            }
            catch (CryptographicException)
            {
                continue;
            }

            if (own is null && KeyMatches(key, certificate))
            {
                own = certificate;
            }
            else
            {
                others.Add(certificate);
            }
        }

        if (own is null)
        {
            key.Dispose();
            foreach (X509Certificate2 other in others)
            {
                other.Dispose();
            }

            throw new NcaKeyFileException(NcaKeyFileError.KeyCertificateMismatch);
        }

        return new Pkcs12NcaSigner(new NcaPrivateKeySigner(key, own), others);
    }

    private static bool KeyMatches(NcaPrivateKey key, X509Certificate2 certificate)
    {
        try
        {
            return key.Matches(NcaPublicKey.FromCertificate(certificate));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static void ReadBag(SafeBag bag, char[] password, List<PrivateKeyInfo> keys, List<byte[]> certificates)
    {
        if (PkcsObjectIdentifiers.Pkcs8ShroudedKeyBag.Equals(bag.BagID))
        {
            keys.Add(PrivateKeyInfoFactory.CreatePrivateKeyInfo(password, EncryptedPrivateKeyInfo.GetInstance(bag.BagValueEncodable)));
        }
        else if (PkcsObjectIdentifiers.KeyBag.Equals(bag.BagID))
        {
            keys.Add(PrivateKeyInfo.GetInstance(bag.BagValueEncodable));
        }
        else if (PkcsObjectIdentifiers.CertBag.Equals(bag.BagID))
        {
            var certBag = CertBag.GetInstance(bag.BagValueEncodable);
            if (PkcsObjectIdentifiers.X509Certificate.Equals(certBag.CertID))
            {
                certificates.Add(Asn1OctetString.GetInstance(certBag.CertValue).GetOctets());
            }
        }
    }

    private static byte[] Decrypt(EncryptedData data, char[] password)
    {
        var algorithm = data.EncryptionAlgorithm;
        ICipherParameters parameters = PbeUtilities.GenerateCipherParameters(algorithm, password);
        if (PbeUtilities.CreateEngine(algorithm) is not IBufferedCipher cipher)
        {
            throw new NcaKeyFileException(NcaKeyFileError.NotPkcs12);
        }

        cipher.Init(false, parameters);
        return cipher.DoFinal(data.Content.GetOctets());
    }

    private static bool MacMatches(MacData mac, byte[] data, char[] password)
    {
        IDigest digest = DigestUtilities.GetDigest(mac.Mac.DigestAlgorithm.Algorithm);
        var generator = new Pkcs12ParametersGenerator(digest);
        generator.Init(PbeParametersGenerator.Pkcs12PasswordToBytes(password), mac.GetSalt(), mac.IterationCount.IntValueExact);
        var key = (KeyParameter)generator.GenerateDerivedMacParameters(digest.GetDigestSize() * 8);
        var hmac = new HMac(DigestUtilities.GetDigest(mac.Mac.DigestAlgorithm.Algorithm));
        hmac.Init(key);
        hmac.BlockUpdate(data, 0, data.Length);
        byte[] computed = new byte[hmac.GetMacSize()];
        hmac.DoFinal(computed, 0);
        return CryptographicOperations.FixedTimeEquals(computed, mac.Mac.Digest.GetOctets());
    }
}
