using Kz.MicroCredit.Identity.Cryptography.Gost;
using Org.BouncyCastle.Crypto.Parameters;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// The curves of the NCA GOST algorithms for the managed engine, built from the same domain parameters BouncyCastle uses
/// (<see cref="NcaGost.GetDomain"/>), so both engines verify against identical curves.
/// </summary>
internal static class GostCurves
{
    private static readonly Lazy<GostCurve> Curve2004 = new(() => FromDomain(NcaGost.GetDomain(NcaKeyAlgorithm.Gost2004)));
    private static readonly Lazy<GostCurve> Curve2015_512 = new(() => FromDomain(NcaGost.GetDomain(NcaKeyAlgorithm.Gost2015_512)));
    private static readonly Lazy<GostCurve> Curve2015_256 = new(() => FromDomain(NcaGost.GetDomain(NcaKeyAlgorithm.Gost2015_256)));

    /// <summary>Returns the (shared) curve of a GOST key algorithm.</summary>
    /// <param name="algorithm">A GOST algorithm.</param>
    /// <returns>The curve.</returns>
    public static GostCurve Get(NcaKeyAlgorithm algorithm) => algorithm switch
    {
        NcaKeyAlgorithm.Gost2004 => Curve2004.Value,
        NcaKeyAlgorithm.Gost2015_512 => Curve2015_512.Value,
        NcaKeyAlgorithm.Gost2015_256 => Curve2015_256.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Builds an engine curve from BouncyCastle domain parameters (any prime-field short-Weierstrass curve).</summary>
    /// <param name="domain">The domain.</param>
    /// <returns>The curve.</returns>
    public static GostCurve FromDomain(ECDomainParameters domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        Org.BouncyCastle.Math.EC.ECPoint g = domain.G.Normalize();
        return new GostCurve(
            ToNumerics(domain.Curve.Field.Characteristic),
            ToNumerics(domain.Curve.A.ToBigInteger()),
            ToNumerics(domain.Curve.B.ToBigInteger()),
            ToNumerics(domain.N),
            ToNumerics(g.AffineXCoord.ToBigInteger()),
            ToNumerics(g.AffineYCoord.ToBigInteger()));
    }

    private static System.Numerics.BigInteger ToNumerics(Org.BouncyCastle.Math.BigInteger value) =>
        new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);
}
