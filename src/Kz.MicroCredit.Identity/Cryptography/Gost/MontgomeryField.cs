using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Kz.MicroCredit.Identity.Cryptography.Gost.LimbArithmetic;

namespace Kz.MicroCredit.Identity.Cryptography.Gost;

/// <summary>
/// Arithmetic modulo an odd prime of 4 or 8 64-bit limbs (little-endian limb order), in Montgomery form (a·R mod m,
/// R = 2^(64·limbs)) — except for a pseudo-Mersenne prime 2^(64·limbs) − c, c &lt; 2^32, where R = 1 (plain form) and
/// products use <see cref="PseudoMersenneArithmetic"/>: the callers only go through <see cref="ToMontgomery"/>,
/// <see cref="One"/> and the operations, so they work unchanged in both forms. Operands and results are spans of exactly
/// <see cref="Limbs"/> limbs holding values below the modulus; results may alias operands. Not constant-time: it only
/// ever handles public data (signature verification).
/// </summary>
internal sealed class MontgomeryField
{
    private readonly ulong[] _modulus;
    private readonly ulong[] _rSquared;
    private readonly ulong[] _one;
    private readonly ulong[] _rCubed;
    private readonly ulong _inverse; // −m⁻¹ mod 2^64
    private readonly ulong _pseudoMersenneC; // c when m = 2^(64·limbs) − c with c < 2^32 (plain form), else 0

    /// <summary>Initializes a new instance of the <see cref="MontgomeryField"/> class.</summary>
    /// <param name="modulus">An odd modulus of at most 512 bits.</param>
    public MontgomeryField(BigInteger modulus)
    {
        if (modulus.IsEven || modulus.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(modulus));
        }

        Limbs = ((int)modulus.GetBitLength() + 63) / 64;
        if (Limbs > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(modulus));
        }

        _modulus = ToLimbs(modulus, Limbs);
        BigInteger r = BigInteger.One << (64 * Limbs);
        BigInteger c = r - modulus;
        if ((Limbs == 4 || Limbs == 8) && c < (BigInteger.One << 32))
        {
            _pseudoMersenneC = (ulong)c;
            r = BigInteger.One; // plain form: ToMontgomery multiplies by 1, which reduces
        }

        _one = ToLimbs(r % modulus, Limbs);
        _rSquared = ToLimbs(r * r % modulus, Limbs);
        _rCubed = ToLimbs(r * r * r % modulus, Limbs);

        // Newton iteration for m⁻¹ mod 2^64 (each step doubles the correct low bits; m·m ≡ 1 mod 8 seeds 3 bits).
        ulong m0 = _modulus[0];
        ulong x = m0;
        for (int i = 0; i < 5; i++)
        {
            x *= 2 - (m0 * x);
        }

        _inverse = unchecked(0 - x);
    }

    /// <summary>Gets the number of 64-bit limbs of an element.</summary>
    public int Limbs { get; }

    /// <summary>Gets the modulus as limbs.</summary>
    public ReadOnlySpan<ulong> Modulus => _modulus;

    /// <summary>Gets a value indicating whether the modulus is 2^(64·limbs) − c with c &lt; 2^32 (elements in plain form).</summary>
    public bool IsPseudoMersenne => _pseudoMersenneC != 0;

    /// <summary>Gets 1 in Montgomery form (R mod m).</summary>
    public ReadOnlySpan<ulong> One => _one;

    /// <summary>Converts a non-negative integer below 2^(64·limbs) into limbs.</summary>
    /// <param name="value">The integer.</param>
    /// <param name="limbs">The number of limbs.</param>
    /// <returns>The limbs, least significant first.</returns>
    public static ulong[] ToLimbs(BigInteger value, int limbs)
    {
        var result = new ulong[limbs];
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        if (bytes.Length > 8 * limbs)
        {
            throw new ArgumentOutOfRangeException(nameof(value));
        }

        Span<byte> padded = stackalloc byte[8 * limbs];
        padded.Clear();
        bytes.CopyTo(padded);
        MemoryMarshal.Cast<byte, ulong>(padded).CopyTo(result);
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < limbs; i++)
            {
                result[i] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(result[i]);
            }
        }

        return result;
    }

    /// <summary>Converts limbs back into an integer (tests and precomputation only).</summary>
    /// <param name="limbs">The limbs.</param>
    /// <returns>The integer.</returns>
    public static BigInteger FromLimbs(ReadOnlySpan<ulong> limbs)
    {
        BigInteger result = BigInteger.Zero;
        for (int i = limbs.Length - 1; i >= 0; i--)
        {
            result = (result << 64) | limbs[i];
        }

        return result;
    }

    /// <summary>Compares two equally long limb numbers.</summary>
    /// <param name="a">The first number.</param>
    /// <param name="b">The second number.</param>
    /// <returns>Negative, zero or positive.</returns>
    public static int Compare(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int i = a.Length - 1; i >= 0; i--)
        {
            if (a[i] != b[i])
            {
                return a[i] < b[i] ? -1 : 1;
            }
        }

        return 0;
    }

    /// <summary>Tells whether every limb is zero.</summary>
    /// <param name="a">The number.</param>
    /// <returns><see langword="true"/> for zero.</returns>
    public static bool IsZero(ReadOnlySpan<ulong> a)
    {
        ulong acc = 0;
        foreach (ulong limb in a)
        {
            acc |= limb;
        }

        return acc == 0;
    }

    /// <summary>Adds two limb numbers of equal length in place, returning the carry out.</summary>
    /// <param name="a">The first addend and the result.</param>
    /// <param name="b">The second addend.</param>
    /// <returns>The carry (0 or 1).</returns>
    public static ulong AddInPlace(Span<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong carry = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ulong sum = a[i] + b[i];
            ulong c1 = sum < a[i] ? 1UL : 0UL;
            ulong sum2 = sum + carry;
            ulong c2 = sum2 < sum ? 1UL : 0UL;
            a[i] = sum2;
            carry = c1 | c2;
        }

        return carry;
    }

    /// <summary>Subtracts in place, returning the borrow out.</summary>
    /// <param name="a">The minuend and the result.</param>
    /// <param name="b">The subtrahend.</param>
    /// <returns>The borrow (0 or 1).</returns>
    public static ulong SubtractInPlace(Span<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong borrow = 0;
        for (int i = 0; i < a.Length; i++)
        {
            ulong x = a[i];
            ulong d = x - b[i];
            ulong b1 = d > x ? 1UL : 0UL;
            ulong d2 = d - borrow;
            ulong b2 = d2 > d ? 1UL : 0UL;
            a[i] = d2;
            borrow = b1 | b2;
        }

        return borrow;
    }

    /// <summary>Montgomery product a·b·R⁻¹ mod m (CIOS). Accepts any a &lt; 2^(64·limbs) when b &lt; m.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <param name="result">The product (may alias a or b).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Multiply(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        if (_pseudoMersenneC != 0)
        {
            if (Limbs == 4)
            {
                PseudoMersenneArithmetic.Multiply4(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(result), _pseudoMersenneC);
            }
            else
            {
                PseudoMersenneArithmetic.Multiply8(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(result), _pseudoMersenneC);
            }

            return;
        }

        if (Limbs == 4)
        {
            Multiply4(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(result));
            return;
        }

        if (Limbs == 8)
        {
            Multiply8(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(result));
            return;
        }

        int n = Limbs;
        Span<ulong> t = stackalloc ulong[10];
        t.Clear();
        ref ulong tr = ref MemoryMarshal.GetReference(t);
        ref ulong ar = ref MemoryMarshal.GetReference(a);
        ref ulong br = ref MemoryMarshal.GetReference(b);
        ref ulong mr = ref MemoryMarshal.GetArrayDataReference(_modulus);
        for (int i = 0; i < n; i++)
        {
            ulong bi = Unsafe.Add(ref br, i);
            ulong carry = 0;
            for (int j = 0; j < n; j++)
            {
                Unsafe.Add(ref tr, j) = MulAdd(Unsafe.Add(ref ar, j), bi, Unsafe.Add(ref tr, j), ref carry);
            }

            ulong top = Unsafe.Add(ref tr, n) + carry;
            Unsafe.Add(ref tr, n + 1) = top < carry ? 1UL : 0UL;
            Unsafe.Add(ref tr, n) = top;

            ulong m = tr * _inverse;
            carry = 0;
            _ = MulAdd(m, mr, tr, ref carry);
            for (int j = 1; j < n; j++)
            {
                Unsafe.Add(ref tr, j - 1) = MulAdd(m, Unsafe.Add(ref mr, j), Unsafe.Add(ref tr, j), ref carry);
            }

            ulong last = Unsafe.Add(ref tr, n) + carry;
            Unsafe.Add(ref tr, n - 1) = last;
            Unsafe.Add(ref tr, n) = Unsafe.Add(ref tr, n + 1) + (last < carry ? 1UL : 0UL);
        }

        ReduceOnce(t[..n], t[n] != 0, result);
    }

    /// <summary>Montgomery square.</summary>
    /// <param name="a">The operand.</param>
    /// <param name="result">The square (may alias a).</param>
    public void Square(ReadOnlySpan<ulong> a, Span<ulong> result)
    {
        if (_pseudoMersenneC == 0)
        {
            Multiply(a, a, result);
        }
        else if (Limbs == 4)
        {
            PseudoMersenneArithmetic.Square4(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(result), _pseudoMersenneC);
        }
        else
        {
            PseudoMersenneArithmetic.Square8(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(result), _pseudoMersenneC);
        }
    }

    /// <summary>Modular addition.</summary>
    /// <param name="a">The first addend.</param>
    /// <param name="b">The second addend.</param>
    /// <param name="result">The sum (may alias).</param>
    public void Add(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        int n = Limbs;
        if (a.Length < n || b.Length < n || result.Length < n)
        {
            throw new ArgumentException("Operands need one limb per limb of the modulus.");
        }

        ref ulong ar = ref MemoryMarshal.GetReference(a);
        ref ulong br = ref MemoryMarshal.GetReference(b);
        ref ulong rr = ref MemoryMarshal.GetReference(result);
        ref ulong mr = ref MemoryMarshal.GetArrayDataReference(_modulus);
        ulong carry = 0;
        for (int i = 0; i < n; i++)
        {
            Unsafe.Add(ref rr, i) = AddCarry(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i), ref carry);
        }

        if (carry == 0)
        {
            for (int i = n - 1; i >= 0; i--)
            {
                ulong x = Unsafe.Add(ref rr, i);
                ulong m = Unsafe.Add(ref mr, i);
                if (x != m)
                {
                    if (x < m)
                    {
                        return; // below the modulus: already reduced
                    }

                    break;
                }
            }
        }

        ulong borrow = 0;
        for (int i = 0; i < n; i++)
        {
            Unsafe.Add(ref rr, i) = Sub(Unsafe.Add(ref rr, i), Unsafe.Add(ref mr, i), ref borrow);
        }
    }

    /// <summary>Modular subtraction.</summary>
    /// <param name="a">The minuend.</param>
    /// <param name="b">The subtrahend.</param>
    /// <param name="result">The difference (may alias).</param>
    public void Subtract(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<ulong> result)
    {
        int n = Limbs;
        if (a.Length < n || b.Length < n || result.Length < n)
        {
            throw new ArgumentException("Operands need one limb per limb of the modulus.");
        }

        ref ulong ar = ref MemoryMarshal.GetReference(a);
        ref ulong br = ref MemoryMarshal.GetReference(b);
        ref ulong rr = ref MemoryMarshal.GetReference(result);
        ulong borrow = 0;
        for (int i = 0; i < n; i++)
        {
            Unsafe.Add(ref rr, i) = Sub(Unsafe.Add(ref ar, i), Unsafe.Add(ref br, i), ref borrow);
        }

        if (borrow != 0)
        {
            ref ulong mr = ref MemoryMarshal.GetArrayDataReference(_modulus);
            ulong carry = 0;
            for (int i = 0; i < n; i++)
            {
                Unsafe.Add(ref rr, i) = AddCarry(Unsafe.Add(ref rr, i), Unsafe.Add(ref mr, i), ref carry);
            }
        }
    }

    /// <summary>Modular negation.</summary>
    /// <param name="a">The operand.</param>
    /// <param name="result">m − a, or 0 for 0.</param>
    public void Negate(ReadOnlySpan<ulong> a, Span<ulong> result)
    {
        if (IsZero(a))
        {
            result[..Limbs].Clear();
            return;
        }

        Span<ulong> m = stackalloc ulong[Limbs];
        _modulus.CopyTo(m);
        SubtractInPlace(m, a);
        m.CopyTo(result);
    }

    /// <summary>Converts a number below 2^(64·limbs) (not necessarily reduced) into Montgomery form, reducing it.</summary>
    /// <param name="a">The plain number.</param>
    /// <param name="result">a·R mod m.</param>
    public void ToMontgomery(ReadOnlySpan<ulong> a, Span<ulong> result) => Multiply(a, _rSquared, result);

    /// <summary>Converts out of Montgomery form.</summary>
    /// <param name="a">A Montgomery-form element.</param>
    /// <param name="result">The plain value below m.</param>
    public void FromMontgomery(ReadOnlySpan<ulong> a, Span<ulong> result)
    {
        Span<ulong> one = stackalloc ulong[Limbs];
        one.Clear();
        one[0] = 1;
        Multiply(a, one, result);
    }

    /// <summary>
    /// Multiplicative inverse (the modulus is prime); 0 maps to 0. Binary extended Euclid on the plain value
    /// (variable time, public data only: several times cheaper than Fermat's exponentiation), then one product by R³
    /// to come back to Montgomery form: (a·R)⁻¹·R³·R⁻¹ = a⁻¹·R.
    /// </summary>
    /// <param name="a">A Montgomery-form element.</param>
    /// <param name="result">Its inverse in Montgomery form (may alias).</param>
    public void Invert(ReadOnlySpan<ulong> a, Span<ulong> result)
    {
        int n = Limbs;
        if (IsZero(a[..n]))
        {
            result[..n].Clear();
            return;
        }

        // Invariants: x1·a ≡ u and x2·a ≡ v (mod m); u and v odd after each halving; gcd(u, v) = 1 throughout.
        Span<ulong> u = stackalloc ulong[n];
        Span<ulong> v = stackalloc ulong[n];
        Span<ulong> x1 = stackalloc ulong[n];
        Span<ulong> x2 = stackalloc ulong[n];
        a[..n].CopyTo(u);
        _modulus.CopyTo(v);
        x1.Clear();
        x1[0] = 1;
        x2.Clear();
        while (!IsOne(u) && !IsOne(v))
        {
            if (IsZero(u) || IsZero(v))
            {
                break; // only with a composite modulus sharing a factor with a; never loop forever
            }

            HalveWhileEven(u, x1);
            HalveWhileEven(v, x2);
            if (Compare(u, v) >= 0)
            {
                SubtractInPlace(u, v);
                Subtract(x1, x2, x1);
            }
            else
            {
                SubtractInPlace(v, u);
                Subtract(x2, x1, x2);
            }
        }

        Multiply(IsOne(u) ? x1 : x2, _rCubed, result);
    }

    private static bool IsOne(ReadOnlySpan<ulong> a)
    {
        if (a[0] != 1)
        {
            return false;
        }

        for (int i = 1; i < a.Length; i++)
        {
            if (a[i] != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Divides u by its largest power of two 2^t (u ≠ 0) and x by 2^t modulo m, t bits at a time: x + k·m with
    /// k = −x·m⁻¹ mod 2^t is divisible by 2^t, and the quotient is below 2m.
    /// </summary>
    private void HalveWhileEven(Span<ulong> u, Span<ulong> x)
    {
        int n = u.Length;
        while ((u[0] & 1) == 0)
        {
            int t = u[0] == 0 ? 63 : Math.Min(63, BitOperations.TrailingZeroCount(u[0]));
            for (int i = 0; i < n - 1; i++)
            {
                u[i] = (u[i] >> t) | (u[i + 1] << (64 - t));
            }

            u[n - 1] >>= t;

            ulong k = (x[0] * _inverse) & ((1UL << t) - 1);
            ulong carry = 0;
            for (int i = 0; i < n; i++)
            {
                x[i] = MulAdd(k, _modulus[i], x[i], ref carry);
            }

            for (int i = 0; i < n - 1; i++)
            {
                x[i] = (x[i] >> t) | (x[i + 1] << (64 - t));
            }

            x[n - 1] = (x[n - 1] >> t) | (carry << (64 - t));
            if (Compare(x, _modulus) >= 0)
            {
                SubtractInPlace(x, _modulus);
            }
        }
    }

    /// <summary>Tells whether two elements are equal.</summary>
    /// <param name="a">The first element.</param>
    /// <param name="b">The second element.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool AreEqual(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) => a[..Limbs].SequenceEqual(b[..Limbs]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReduceOnce(ReadOnlySpan<ulong> value, bool overflow, Span<ulong> result)
    {
        if (overflow || Compare(value, _modulus) >= 0)
        {
            ulong borrow = 0;
            for (int i = 0; i < Limbs; i++)
            {
                ulong x = value[i];
                ulong d = x - _modulus[i];
                ulong b1 = d > x ? 1UL : 0UL;
                ulong d2 = d - borrow;
                borrow = b1 | (d2 > d ? 1UL : 0UL);
                result[i] = d2;
            }
        }
        else if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(value), ref MemoryMarshal.GetReference(result)))
        {
            value.CopyTo(result);
        }
    }

    // The 4-limb CIOS product unrolled into locals (generated pattern; see Multiply for the loop form).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Multiply4(ref ulong a, ref ulong b, ref ulong result)
    {
        ulong a0 = Unsafe.Add(ref a, 0); ulong a1 = Unsafe.Add(ref a, 1); ulong a2 = Unsafe.Add(ref a, 2); ulong a3 = Unsafe.Add(ref a, 3);
        ref ulong m = ref MemoryMarshal.GetArrayDataReference(_modulus);
        ulong inv = _inverse;
        ulong t0 = 0; ulong t1 = 0; ulong t2 = 0; ulong t3 = 0; ulong t4 = 0;
        for (int i = 0; i < 4; i++)
        {
            ulong bi = Unsafe.Add(ref b, i);
            ulong c = 0;
            t0 = MulAdd(a0, bi, t0, ref c);
            t1 = MulAdd(a1, bi, t1, ref c);
            t2 = MulAdd(a2, bi, t2, ref c);
            t3 = MulAdd(a3, bi, t3, ref c);
            ulong top = t4 + c;
            ulong extra = top < c ? 1UL : 0UL;
            t4 = top;
            ulong q = t0 * inv;
            c = 0;
            _ = MulAdd(q, m, t0, ref c);
            t0 = MulAdd(q, Unsafe.Add(ref m, 1), t1, ref c);
            t1 = MulAdd(q, Unsafe.Add(ref m, 2), t2, ref c);
            t2 = MulAdd(q, Unsafe.Add(ref m, 3), t3, ref c);
            t3 = t4 + c;
            t4 = extra + (t3 < c ? 1UL : 0UL);
        }

        // t < 2m: subtract m once unless that borrows out of t's n limbs with no bit above them.
        ulong borrow = 0;
        ulong d0 = Sub(t0, Unsafe.Add(ref m, 0), ref borrow);
        ulong d1 = Sub(t1, Unsafe.Add(ref m, 1), ref borrow);
        ulong d2 = Sub(t2, Unsafe.Add(ref m, 2), ref borrow);
        ulong d3 = Sub(t3, Unsafe.Add(ref m, 3), ref borrow);
        bool keep = t4 == 0 && borrow != 0;
        Unsafe.Add(ref result, 0) = keep ? t0 : d0;
        Unsafe.Add(ref result, 1) = keep ? t1 : d1;
        Unsafe.Add(ref result, 2) = keep ? t2 : d2;
        Unsafe.Add(ref result, 3) = keep ? t3 : d3;
    }

    // The 8-limb CIOS product unrolled into locals (generated pattern; see Multiply for the loop form).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Multiply8(ref ulong a, ref ulong b, ref ulong result)
    {
        ulong a0 = Unsafe.Add(ref a, 0); ulong a1 = Unsafe.Add(ref a, 1); ulong a2 = Unsafe.Add(ref a, 2); ulong a3 = Unsafe.Add(ref a, 3); ulong a4 = Unsafe.Add(ref a, 4); ulong a5 = Unsafe.Add(ref a, 5); ulong a6 = Unsafe.Add(ref a, 6); ulong a7 = Unsafe.Add(ref a, 7);
        ref ulong m = ref MemoryMarshal.GetArrayDataReference(_modulus);
        ulong inv = _inverse;
        ulong t0 = 0; ulong t1 = 0; ulong t2 = 0; ulong t3 = 0; ulong t4 = 0; ulong t5 = 0; ulong t6 = 0; ulong t7 = 0; ulong t8 = 0;
        for (int i = 0; i < 8; i++)
        {
            ulong bi = Unsafe.Add(ref b, i);
            ulong c = 0;
            t0 = MulAdd(a0, bi, t0, ref c);
            t1 = MulAdd(a1, bi, t1, ref c);
            t2 = MulAdd(a2, bi, t2, ref c);
            t3 = MulAdd(a3, bi, t3, ref c);
            t4 = MulAdd(a4, bi, t4, ref c);
            t5 = MulAdd(a5, bi, t5, ref c);
            t6 = MulAdd(a6, bi, t6, ref c);
            t7 = MulAdd(a7, bi, t7, ref c);
            ulong top = t8 + c;
            ulong extra = top < c ? 1UL : 0UL;
            t8 = top;
            ulong q = t0 * inv;
            c = 0;
            _ = MulAdd(q, m, t0, ref c);
            t0 = MulAdd(q, Unsafe.Add(ref m, 1), t1, ref c);
            t1 = MulAdd(q, Unsafe.Add(ref m, 2), t2, ref c);
            t2 = MulAdd(q, Unsafe.Add(ref m, 3), t3, ref c);
            t3 = MulAdd(q, Unsafe.Add(ref m, 4), t4, ref c);
            t4 = MulAdd(q, Unsafe.Add(ref m, 5), t5, ref c);
            t5 = MulAdd(q, Unsafe.Add(ref m, 6), t6, ref c);
            t6 = MulAdd(q, Unsafe.Add(ref m, 7), t7, ref c);
            t7 = t8 + c;
            t8 = extra + (t7 < c ? 1UL : 0UL);
        }

        // t < 2m: subtract m once unless that borrows out of t's n limbs with no bit above them.
        ulong borrow = 0;
        ulong d0 = Sub(t0, Unsafe.Add(ref m, 0), ref borrow);
        ulong d1 = Sub(t1, Unsafe.Add(ref m, 1), ref borrow);
        ulong d2 = Sub(t2, Unsafe.Add(ref m, 2), ref borrow);
        ulong d3 = Sub(t3, Unsafe.Add(ref m, 3), ref borrow);
        ulong d4 = Sub(t4, Unsafe.Add(ref m, 4), ref borrow);
        ulong d5 = Sub(t5, Unsafe.Add(ref m, 5), ref borrow);
        ulong d6 = Sub(t6, Unsafe.Add(ref m, 6), ref borrow);
        ulong d7 = Sub(t7, Unsafe.Add(ref m, 7), ref borrow);
        bool keep = t8 == 0 && borrow != 0;
        Unsafe.Add(ref result, 0) = keep ? t0 : d0;
        Unsafe.Add(ref result, 1) = keep ? t1 : d1;
        Unsafe.Add(ref result, 2) = keep ? t2 : d2;
        Unsafe.Add(ref result, 3) = keep ? t3 : d3;
        Unsafe.Add(ref result, 4) = keep ? t4 : d4;
        Unsafe.Add(ref result, 5) = keep ? t5 : d5;
        Unsafe.Add(ref result, 6) = keep ? t6 : d6;
        Unsafe.Add(ref result, 7) = keep ? t7 : d7;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Sub(ulong x, ulong y, ref ulong borrow)
    {
        ulong d = x - y;
        ulong b1 = d > x ? 1UL : 0UL;
        ulong d2 = d - borrow;
        borrow = b1 | (d2 > d ? 1UL : 0UL);
        return d2;
    }
}
