namespace Kz.MicroCredit.Identity.Cryptography.Gost;

/// <summary>
/// A GOST public key point checked to lie on its curve. Its first verification builds nothing that outlives the call;
/// from its second one on, per-part tables of odd multiples are built once and kept with the key (the key objects are
/// cached per certificate and per SubjectPublicKeyInfo, so a returning signer's tables are reused). Thread-safe.
/// </summary>
internal sealed class GostPublicPoint
{
    private readonly ulong[] _point;
    private readonly Lazy<ulong[][]?> _splitTables;
    private int _uses;

    private GostPublicPoint(GostCurve curve, ulong[] point)
    {
        Curve = curve;
        _point = point;
        _splitTables = new Lazy<ulong[][]?>(() => curve.SplitTables(_point, GostCurve.KeyWindow), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the curve.</summary>
    public GostCurve Curve { get; }

    /// <summary>Gets the affine point x‖y (Montgomery form).</summary>
    internal ReadOnlySpan<ulong> Point => _point;

    /// <summary>
    /// Gets the per-part tables (see <see cref="GostCurve.Parts"/>) from the second verification with this key on, or
    /// null before: they cost a few verifications to build, which pays off only for a returning key.
    /// </summary>
    /// <returns>The tables, or null for the first-use path (also when the key has small order: its tables do not exist).</returns>
    internal ulong[][]? SplitTablesIfReturning()
    {
        if (_splitTables.IsValueCreated || Interlocked.Increment(ref _uses) > 1)
        {
            return _splitTables.Value;
        }

        return null;
    }

    /// <summary>Decodes x‖y, each coordinate little-endian over the curve's coordinate size (the NCA layout).</summary>
    /// <param name="curve">The curve.</param>
    /// <param name="keyBytes">x‖y little-endian.</param>
    /// <param name="key">The key when valid.</param>
    /// <returns><see langword="true"/> when both coordinates are below p and the point is on the curve.</returns>
    public static bool TryDecode(GostCurve curve, ReadOnlySpan<byte> keyBytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GostPublicPoint? key)
    {
        ArgumentNullException.ThrowIfNull(curve);
        key = null;
        int n = curve.Limbs;
        if (keyBytes.Length != 16 * n)
        {
            return false;
        }

        var point = new ulong[2 * n];
        Span<ulong> plain = stackalloc ulong[2 * n];
        GostSignatureVerifier.ReadLittleEndian(keyBytes, plain);
        if (MontgomeryField.Compare(plain[..n], curve.Field.Modulus) >= 0 || MontgomeryField.Compare(plain[n..], curve.Field.Modulus) >= 0)
        {
            return false;
        }

        curve.Field.ToMontgomery(plain[..n], point.AsSpan(0, n));
        curve.Field.ToMontgomery(plain[n..], point.AsSpan(n, n));
        if (!curve.IsOnCurve(point.AsSpan(0, n), point.AsSpan(n, n)))
        {
            return false;
        }

        key = new GostPublicPoint(curve, point);
        return true;
    }
}
