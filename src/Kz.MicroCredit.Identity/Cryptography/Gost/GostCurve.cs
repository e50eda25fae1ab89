using System.Numerics;

namespace Kz.MicroCredit.Identity.Cryptography.Gost;

/// <summary>
/// A short-Weierstrass prime curve y² = x³ + a·x + b of a GOST signature algorithm, with Jacobian point arithmetic over
/// <see cref="MontgomeryField"/> and a table of odd multiples of the base point computed once, lazily. Points are spans
/// of 3·limbs (X, Y, Z in Montgomery form; Z = 0 is the point at infinity); table points are affine (x, y).
/// Not constant-time: verification handles public data only.
/// </summary>
internal sealed class GostCurve
{
    /// <summary>The wNAF window of the base point (64 odd multiples, shared by every verification on the curve).</summary>
    internal const int BaseWindow = 8;

    /// <summary>The wNAF window of a returning public key's per-part tables (16 affine odd multiples per part).</summary>
    internal const int KeyWindow = 6;

    /// <summary>
    /// The wNAF window of a key seen for the first time: 8 Jacobian odd multiples built on the stack for the one call
    /// (no field inversion, nothing kept), added with full Jacobian additions.
    /// </summary>
    internal const int ColdKeyWindow = 5;

    private readonly ulong[] _a;
    private readonly ulong[] _b;
    private readonly bool _aIsMinusThree;
    private readonly Lazy<ulong[][]> _baseTables;

    /// <summary>Initializes a new instance of the <see cref="GostCurve"/> class.</summary>
    /// <param name="p">The field prime.</param>
    /// <param name="a">The coefficient a.</param>
    /// <param name="b">The coefficient b.</param>
    /// <param name="q">The prime order of the base point.</param>
    /// <param name="gx">The base point's x.</param>
    /// <param name="gy">The base point's y.</param>
    public GostCurve(BigInteger p, BigInteger a, BigInteger b, BigInteger q, BigInteger gx, BigInteger gy)
    {
        Field = new MontgomeryField(p);
        Order = new MontgomeryField(q);
        if (Order.Limbs != Field.Limbs)
        {
            throw new ArgumentException("The order and the field must have the same number of limbs.", nameof(q));
        }

        int n = Field.Limbs;
        _a = new ulong[n];
        _b = new ulong[n];
        Field.ToMontgomery(MontgomeryField.ToLimbs(a, n), _a);
        Field.ToMontgomery(MontgomeryField.ToLimbs(b, n), _b);
        _aIsMinusThree = (a + 3) % p == 0;
        BitLength = (int)q.GetBitLength();
        var g = new ulong[2 * n];
        Field.ToMontgomery(MontgomeryField.ToLimbs(gx, n), g.AsSpan(0, n));
        Field.ToMontgomery(MontgomeryField.ToLimbs(gy, n), g.AsSpan(n, n));
        Parts = n == 4 ? 4 : 8;
        ChunkBits = (BitLength + Parts - 1) / Parts;
        _baseTables = new Lazy<ulong[][]>(
            () => SplitTables(g, BaseWindow) ?? throw new InvalidOperationException("The base point has small order."),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Gets the number of parts a scalar is cut into for a returning key: z = Σ z_j·2^(j·L), so z·P = Σ z_j·(2^(j·L)·P)
    /// with tables for each 2^(j·L)·P, and the joint multiplication needs only L doublings instead of the order's bit length.
    /// </summary>
    public int Parts { get; }

    /// <summary>Gets L, the bit length of one part.</summary>
    public int ChunkBits { get; }

    /// <summary>Gets the prime field.</summary>
    public MontgomeryField Field { get; }

    /// <summary>Gets the arithmetic modulo the group order q.</summary>
    public MontgomeryField Order { get; }

    /// <summary>Gets the number of limbs of one coordinate.</summary>
    public int Limbs => Field.Limbs;

    /// <summary>Gets the bit length of the order q.</summary>
    public int BitLength { get; }

    /// <summary>Gets, for each part j, the affine odd multiples of 2^(j·L)·G (window <see cref="BaseWindow"/>).</summary>
    internal ulong[][] BaseTables => _baseTables.Value;

    /// <summary>Builds the odd-multiple tables of P, 2^L·P, 2^(2L)·P, … (one per part).</summary>
    /// <param name="point">x‖y in Montgomery form.</param>
    /// <param name="window">The wNAF window.</param>
    /// <returns>The tables, or null when P has small order.</returns>
    public ulong[][]? SplitTables(ReadOnlySpan<ulong> point, int window)
    {
        int n = Limbs;
        var tables = new ulong[Parts][];
        Span<ulong> affine = stackalloc ulong[2 * n];
        Span<ulong> jacobian = stackalloc ulong[3 * n];
        Span<ulong> scratch = stackalloc ulong[6 * n];
        Span<ulong> zInverse = stackalloc ulong[n];
        point.CopyTo(affine);
        for (int j = 0; j < Parts; j++)
        {
            if (j > 0)
            {
                SetAffine(jacobian, affine[..n], affine[n..]);
                for (int i = 0; i < ChunkBits; i++)
                {
                    Double(jacobian, scratch);
                }

                if (MontgomeryField.IsZero(jacobian.Slice(2 * n, n)))
                {
                    return null;
                }

                Field.Invert(jacobian.Slice(2 * n, n), zInverse);
                ToAffine(jacobian, zInverse, affine);
            }

            ulong[]? table = OddMultiplesTable(affine, window);
            if (table is null)
            {
                return null;
            }

            tables[j] = table;
        }

        return tables;
    }

    /// <summary>Checks that affine Montgomery-form coordinates satisfy the curve equation.</summary>
    /// <param name="x">x in Montgomery form.</param>
    /// <param name="y">y in Montgomery form.</param>
    /// <returns><see langword="true"/> when the point is on the curve.</returns>
    public bool IsOnCurve(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y)
    {
        int n = Limbs;
        Span<ulong> lhs = stackalloc ulong[n];
        Span<ulong> rhs = stackalloc ulong[n];
        Span<ulong> t = stackalloc ulong[n];
        Field.Square(y, lhs);
        Field.Square(x, rhs);
        Field.Add(rhs, _a, rhs);
        Field.Multiply(rhs, x, rhs);
        Field.Add(rhs, _b, rhs);
        Field.Subtract(lhs, rhs, t);
        return MontgomeryField.IsZero(t);
    }

    /// <summary>
    /// Computes the affine odd multiples P, 3P, …, (2^(w−1)−1)·P of an affine point: 2P made affine, then repeated
    /// mixed additions, then one batch inversion for all Z.
    /// </summary>
    /// <param name="point">x‖y in Montgomery form.</param>
    /// <param name="window">The wNAF window w.</param>
    /// <returns>The table (x‖y per entry), or null when a multiple is the point at infinity (a point of small order).</returns>
    public ulong[]? OddMultiplesTable(ReadOnlySpan<ulong> point, int window)
    {
        int n = Limbs;
        int count = 1 << (window - 2);
        var jacobian = new ulong[count * 3 * n];
        Span<ulong> scratch = stackalloc ulong[12 * n];
        Span<ulong> twice = stackalloc ulong[3 * n];
        SetAffine(twice, point[..n], point.Slice(n, n));
        Double(twice, scratch);
        if (MontgomeryField.IsZero(twice.Slice(2 * n, n)))
        {
            return null;
        }

        Span<ulong> twiceAffine = stackalloc ulong[2 * n];
        Span<ulong> zInverse = stackalloc ulong[n];
        Field.Invert(twice.Slice(2 * n, n), zInverse);
        ToAffine(twice, zInverse, twiceAffine);

        Span<ulong> current = jacobian.AsSpan(0, 3 * n);
        SetAffine(current, point[..n], point.Slice(n, n));
        for (int i = 1; i < count; i++)
        {
            Span<ulong> next = jacobian.AsSpan(i * 3 * n, 3 * n);
            jacobian.AsSpan((i - 1) * 3 * n, 3 * n).CopyTo(next);
            AddAffine(next, twiceAffine[..n], twiceAffine.Slice(n, n), negate: false, scratch);
            if (MontgomeryField.IsZero(next.Slice(2 * n, n)))
            {
                return null;
            }
        }

        // Batch inversion (Montgomery's trick): one field inversion for all the Z coordinates.
        var prefix = new ulong[count * n];
        Field.One.CopyTo(prefix.AsSpan(0, n));
        for (int i = 0; i < count; i++)
        {
            Span<ulong> z = jacobian.AsSpan((i * 3 * n) + (2 * n), n);
            if (i == 0)
            {
                z.CopyTo(prefix.AsSpan(0, n));
            }
            else
            {
                Field.Multiply(prefix.AsSpan((i - 1) * n, n), z, prefix.AsSpan(i * n, n));
            }
        }

        Span<ulong> inverse = stackalloc ulong[n];
        Field.Invert(prefix.AsSpan((count - 1) * n, n), inverse);
        var table = new ulong[count * 2 * n];
        for (int i = count - 1; i >= 0; i--)
        {
            Span<ulong> entry = jacobian.AsSpan(i * 3 * n, 3 * n);
            if (i > 0)
            {
                Field.Multiply(inverse, prefix.AsSpan((i - 1) * n, n), zInverse);
                Field.Multiply(inverse, entry.Slice(2 * n, n), inverse);
            }
            else
            {
                inverse.CopyTo(zInverse);
            }

            ToAffine(entry, zInverse, table.AsSpan(i * 2 * n, 2 * n));
        }

        return table;
    }

    /// <summary>Sets a Jacobian point from affine coordinates.</summary>
    /// <param name="point">The Jacobian point (3·limbs).</param>
    /// <param name="x">x.</param>
    /// <param name="y">y.</param>
    public void SetAffine(Span<ulong> point, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y)
    {
        int n = Limbs;
        x.CopyTo(point[..n]);
        y.CopyTo(point.Slice(n, n));
        Field.One.CopyTo(point.Slice(2 * n, n));
    }

    /// <summary>Doubles a Jacobian point in place.</summary>
    /// <param name="point">The point (X, Y, Z).</param>
    /// <param name="scratch">At least 6·limbs of scratch.</param>
    public void Double(Span<ulong> point, Span<ulong> scratch)
    {
        int n = Limbs;
        MontgomeryField f = Field;
        Span<ulong> x = point[..n];
        Span<ulong> y = point.Slice(n, n);
        Span<ulong> z = point.Slice(2 * n, n);
        Span<ulong> t0 = scratch[..n];
        Span<ulong> t1 = scratch.Slice(n, n);
        Span<ulong> t2 = scratch.Slice(2 * n, n);
        Span<ulong> t3 = scratch.Slice(3 * n, n);
        Span<ulong> t4 = scratch.Slice(4 * n, n);
        if (_aIsMinusThree)
        {
            // dbl-2001-b: delta = Z², gamma = Y², beta = X·gamma, alpha = 3(X − delta)(X + delta).
            f.Square(z, t0);                 // delta
            f.Square(y, t1);                 // gamma
            f.Multiply(x, t1, t2);           // beta
            f.Subtract(x, t0, t3);
            f.Add(x, t0, t4);
            f.Multiply(t3, t4, t3);
            f.Add(t3, t3, t4);
            f.Add(t4, t3, t3);               // alpha
            f.Add(y, z, z);
            f.Square(z, z);
            f.Subtract(z, t1, z);
            f.Subtract(z, t0, z);            // Z3 = (Y + Z)² − gamma − delta
            f.Add(t2, t2, t2);
            f.Add(t2, t2, t2);               // 4·beta
            f.Square(t3, x);
            f.Subtract(x, t2, x);
            f.Subtract(x, t2, x);            // X3 = alpha² − 8·beta
            f.Subtract(t2, x, t2);
            f.Multiply(t3, t2, y);
            f.Square(t1, t1);
            f.Add(t1, t1, t1);
            f.Add(t1, t1, t1);
            f.Add(t1, t1, t1);               // 8·gamma²
            f.Subtract(y, t1, y);            // Y3 = alpha·(4·beta − X3) − 8·gamma²
            return;
        }

        // dbl-2007-bl: XX = X², YY = Y², YYYY = YY², ZZ = Z², S = 2((X + YY)² − XX − YYYY), M = 3·XX + a·ZZ².
        Span<ulong> t5 = scratch.Slice(5 * n, n);
        f.Square(x, t0);                     // XX
        f.Square(y, t1);                     // YY
        f.Square(z, t2);                     // ZZ
        f.Add(x, t1, t3);
        f.Square(t3, t3);
        f.Subtract(t3, t0, t3);
        f.Square(t1, t4);                    // YYYY
        f.Subtract(t3, t4, t3);
        f.Add(t3, t3, t3);                   // S
        f.Square(t2, t5);
        f.Multiply(t5, _a, t5);
        f.Add(t5, t0, t5);
        f.Add(t5, t0, t5);
        f.Add(t5, t0, t5);                   // M
        f.Add(y, z, z);
        f.Square(z, z);
        f.Subtract(z, t1, z);
        f.Subtract(z, t2, z);                // Z3 = (Y + Z)² − YY − ZZ
        f.Square(t5, x);
        f.Subtract(x, t3, x);
        f.Subtract(x, t3, x);                // X3 = M² − 2S
        f.Subtract(t3, x, t3);
        f.Multiply(t5, t3, y);
        f.Add(t4, t4, t4);
        f.Add(t4, t4, t4);
        f.Add(t4, t4, t4);
        f.Subtract(y, t4, y);                // Y3 = M(S − X3) − 8·YYYY
    }

    /// <summary>Adds an affine point (optionally negated) to a Jacobian point in place, handling every special case.</summary>
    /// <param name="point">The Jacobian point.</param>
    /// <param name="x2">The affine x.</param>
    /// <param name="y2">The affine y.</param>
    /// <param name="negate">Whether to add −(x2, y2).</param>
    /// <param name="scratch">At least 6·limbs of scratch.</param>
    public void AddAffine(Span<ulong> point, ReadOnlySpan<ulong> x2, ReadOnlySpan<ulong> y2, bool negate, Span<ulong> scratch)
    {
        int n = Limbs;
        MontgomeryField f = Field;
        Span<ulong> x = point[..n];
        Span<ulong> y = point.Slice(n, n);
        Span<ulong> z = point.Slice(2 * n, n);
        Span<ulong> t0 = scratch[..n];
        Span<ulong> t1 = scratch.Slice(n, n);
        Span<ulong> t2 = scratch.Slice(2 * n, n);
        Span<ulong> t3 = scratch.Slice(3 * n, n);
        Span<ulong> t4 = scratch.Slice(4 * n, n);
        Span<ulong> yy = scratch.Slice(5 * n, n);
        if (negate)
        {
            f.Negate(y2, yy);
        }
        else
        {
            y2.CopyTo(yy);
        }

        if (MontgomeryField.IsZero(z))
        {
            SetAffine(point, x2, yy);
            return;
        }

        f.Square(z, t0);                     // Z1Z1
        f.Multiply(x2, t0, t1);              // U2
        f.Multiply(t0, z, t0);
        f.Multiply(yy, t0, t0);              // S2
        f.Subtract(t1, x, t1);               // H
        f.Subtract(t0, y, t0);               // R
        if (MontgomeryField.IsZero(t1))
        {
            if (MontgomeryField.IsZero(t0))
            {
                Double(point, scratch);
            }
            else
            {
                z.Clear();
            }

            return;
        }

        f.Multiply(z, t1, z);                // Z3 = Z1·H
        f.Square(t1, t2);                    // HH
        f.Multiply(t1, t2, t3);              // HHH
        f.Multiply(x, t2, t4);               // V = X1·HH
        f.Square(t0, x);
        f.Subtract(x, t3, x);
        f.Subtract(x, t4, x);
        f.Subtract(x, t4, x);                // X3 = R² − HHH − 2V
        f.Subtract(t4, x, t4);
        f.Multiply(t0, t4, t4);
        f.Multiply(y, t3, t3);
        f.Subtract(t4, t3, y);               // Y3 = R(V − X3) − Y1·HHH
    }

    /// <summary>
    /// Builds the Jacobian odd multiples P, 3P, …, (2^(w−1)−1)·P of an affine point without any inversion (for a key
    /// used once, where an affine table's inversions would cost more than the cheaper additions they buy).
    /// </summary>
    /// <param name="point">x‖y in Montgomery form.</param>
    /// <param name="window">The wNAF window w.</param>
    /// <param name="table">(2^(w−2))·3·limbs: X‖Y‖Z per entry.</param>
    /// <param name="scratch">At least 10·limbs of scratch.</param>
    /// <returns><see langword="false"/> when a multiple is the point at infinity (a point of small order).</returns>
    public bool JacobianOddMultiples(ReadOnlySpan<ulong> point, int window, Span<ulong> table, Span<ulong> scratch)
    {
        int n = Limbs;
        int count = 1 << (window - 2);
        Span<ulong> twice = stackalloc ulong[3 * n];
        SetAffine(twice, point[..n], point.Slice(n, n));
        Double(twice, scratch);
        if (MontgomeryField.IsZero(twice.Slice(2 * n, n)))
        {
            return false;
        }

        SetAffine(table[..(3 * n)], point[..n], point.Slice(n, n));
        for (int i = 1; i < count; i++)
        {
            Span<ulong> next = table.Slice(i * 3 * n, 3 * n);
            if (i == 1)
            {
                twice.CopyTo(next);
                AddAffine(next, point[..n], point.Slice(n, n), negate: false, scratch); // 2P + P, P affine
            }
            else
            {
                table.Slice((i - 1) * 3 * n, 3 * n).CopyTo(next);
                AddJacobian(next, twice, negate: false, scratch);
            }

            if (MontgomeryField.IsZero(next.Slice(2 * n, n)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a Jacobian point (optionally negated) to a Jacobian point in place (add-1998-cmo-2), every special case handled.</summary>
    /// <param name="point">The Jacobian point (X1, Y1, Z1), replaced by the sum.</param>
    /// <param name="other">The Jacobian point (X2, Y2, Z2).</param>
    /// <param name="negate">Whether to add −other.</param>
    /// <param name="scratch">At least 10·limbs of scratch.</param>
    public void AddJacobian(Span<ulong> point, ReadOnlySpan<ulong> other, bool negate, Span<ulong> scratch)
    {
        int n = Limbs;
        MontgomeryField f = Field;
        ReadOnlySpan<ulong> x2 = other[..n];
        ReadOnlySpan<ulong> y2 = other.Slice(n, n);
        ReadOnlySpan<ulong> z2 = other.Slice(2 * n, n);
        if (MontgomeryField.IsZero(z2))
        {
            return;
        }

        Span<ulong> x = point[..n];
        Span<ulong> y = point.Slice(n, n);
        Span<ulong> z = point.Slice(2 * n, n);
        if (MontgomeryField.IsZero(z))
        {
            other.CopyTo(point);
            if (negate)
            {
                f.Negate(y, y);
            }

            return;
        }

        Span<ulong> z1z1 = scratch[..n];
        Span<ulong> z2z2 = scratch.Slice(n, n);
        Span<ulong> u1 = scratch.Slice(2 * n, n);
        Span<ulong> h = scratch.Slice(3 * n, n);
        Span<ulong> s1 = scratch.Slice(4 * n, n);
        Span<ulong> rr = scratch.Slice(5 * n, n);
        Span<ulong> hh = scratch.Slice(6 * n, n);
        Span<ulong> hhh = scratch.Slice(7 * n, n);
        f.Square(z, z1z1);
        f.Square(z2, z2z2);
        f.Multiply(x, z2z2, u1);             // U1 = X1·Z2²
        f.Multiply(x2, z1z1, h);             // U2 = X2·Z1²
        f.Subtract(h, u1, h);                // H = U2 − U1
        f.Multiply(z2, z2z2, s1);
        f.Multiply(y, s1, s1);               // S1 = Y1·Z2³
        f.Multiply(z, z1z1, rr);
        f.Multiply(y2, rr, rr);              // S2 = Y2·Z1³ (negated below for −other)
        if (negate)
        {
            f.Negate(rr, rr);
        }

        f.Subtract(rr, s1, rr);              // R = S2 − S1
        if (MontgomeryField.IsZero(h))
        {
            if (MontgomeryField.IsZero(rr))
            {
                Double(point, scratch);
            }
            else
            {
                z.Clear();
            }

            return;
        }

        f.Multiply(z, z2, z);
        f.Multiply(z, h, z);                 // Z3 = Z1·Z2·H
        f.Square(h, hh);                     // HH
        f.Multiply(h, hh, hhh);              // HHH
        f.Multiply(u1, hh, u1);              // V = U1·HH
        f.Square(rr, x);
        f.Subtract(x, hhh, x);
        f.Subtract(x, u1, x);
        f.Subtract(x, u1, x);                // X3 = R² − HHH − 2V
        f.Subtract(u1, x, u1);
        f.Multiply(rr, u1, u1);
        f.Multiply(s1, hhh, hhh);
        f.Subtract(u1, hhh, y);              // Y3 = R(V − X3) − S1·HHH
    }

    private void ToAffine(ReadOnlySpan<ulong> point, ReadOnlySpan<ulong> zInverse, Span<ulong> affine)
    {
        int n = Limbs;
        Span<ulong> z2 = stackalloc ulong[n];
        Field.Square(zInverse, z2);
        Field.Multiply(point[..n], z2, affine[..n]);
        Field.Multiply(z2, zInverse, z2);
        Field.Multiply(point.Slice(n, n), z2, affine.Slice(n, n));
    }
}
