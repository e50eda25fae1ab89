using System.Runtime.CompilerServices;
using static Kz.MicroCredit.Identity.Cryptography.Gost.LimbArithmetic;

namespace Kz.MicroCredit.Identity.Cryptography.Gost;

/// <summary>
/// Products and squares modulo a pseudo-Mersenne prime p = 2^(64·n) − c with c &lt; 2^32 (the fields of every NCA GOST
/// curve: CryptoPro-A and tc26-256-A use 2^256 − 617, tc26-512-A 2^512 − 569): a schoolbook product, then the high
/// half folded back with 2^(64·n) ≡ c — about half the work of a Montgomery product, whose reduction costs as much as
/// the product itself. Unrolled into locals for n = 4 and 8 (generated pattern). Not constant-time (public data only).
/// </summary>
internal static class PseudoMersenneArithmetic
{
    /// <summary>(a·b) mod (2^256 − c) for a &lt; 2^256, b &lt; the modulus; the result is fully reduced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Multiply4(ref ulong a, ref ulong b, ref ulong result, ulong c)
    {
        ulong a0 = Unsafe.Add(ref a, 0); ulong a1 = Unsafe.Add(ref a, 1); ulong a2 = Unsafe.Add(ref a, 2); ulong a3 = Unsafe.Add(ref a, 3);
        ulong r0 = 0; ulong r1 = 0; ulong r2 = 0; ulong r3 = 0; ulong r4 = 0; ulong r5 = 0; ulong r6 = 0; ulong r7 = 0;
        ulong carry;
        ulong bi;
        bi = Unsafe.Add(ref b, 0);
        carry = 0;
        r0 = MulAdd(a0, bi, r0, ref carry);
        r1 = MulAdd(a1, bi, r1, ref carry);
        r2 = MulAdd(a2, bi, r2, ref carry);
        r3 = MulAdd(a3, bi, r3, ref carry);
        r4 = carry;
        bi = Unsafe.Add(ref b, 1);
        carry = 0;
        r1 = MulAdd(a0, bi, r1, ref carry);
        r2 = MulAdd(a1, bi, r2, ref carry);
        r3 = MulAdd(a2, bi, r3, ref carry);
        r4 = MulAdd(a3, bi, r4, ref carry);
        r5 = carry;
        bi = Unsafe.Add(ref b, 2);
        carry = 0;
        r2 = MulAdd(a0, bi, r2, ref carry);
        r3 = MulAdd(a1, bi, r3, ref carry);
        r4 = MulAdd(a2, bi, r4, ref carry);
        r5 = MulAdd(a3, bi, r5, ref carry);
        r6 = carry;
        bi = Unsafe.Add(ref b, 3);
        carry = 0;
        r3 = MulAdd(a0, bi, r3, ref carry);
        r4 = MulAdd(a1, bi, r4, ref carry);
        r5 = MulAdd(a2, bi, r5, ref carry);
        r6 = MulAdd(a3, bi, r6, ref carry);
        r7 = carry;
        Reduce4(r0, r1, r2, r3, r4, r5, r6, r7, ref result, c);
    }

    /// <summary>a² mod (2^256 − c) for a &lt; 2^256: the n(n−1)/2 cross products once, doubled, plus the squares.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Square4(ref ulong a, ref ulong result, ulong c)
    {
        ulong a0 = Unsafe.Add(ref a, 0); ulong a1 = Unsafe.Add(ref a, 1); ulong a2 = Unsafe.Add(ref a, 2); ulong a3 = Unsafe.Add(ref a, 3);
        ulong r0 = 0; ulong r1 = 0; ulong r2 = 0; ulong r3 = 0; ulong r4 = 0; ulong r5 = 0; ulong r6 = 0; ulong r7 = 0;
        ulong carry;
        carry = 0;
        r1 = MulAdd(a0, a1, r1, ref carry);
        r2 = MulAdd(a0, a2, r2, ref carry);
        r3 = MulAdd(a0, a3, r3, ref carry);
        r4 = carry;
        carry = 0;
        r3 = MulAdd(a1, a2, r3, ref carry);
        r4 = MulAdd(a1, a3, r4, ref carry);
        r5 = carry;
        carry = 0;
        r5 = MulAdd(a2, a3, r5, ref carry);
        r6 = carry;
        r7 = r6 >> 63;
        r6 = (r6 << 1) | (r5 >> 63);
        r5 = (r5 << 1) | (r4 >> 63);
        r4 = (r4 << 1) | (r3 >> 63);
        r3 = (r3 << 1) | (r2 >> 63);
        r2 = (r2 << 1) | (r1 >> 63);
        r1 = (r1 << 1) | (r0 >> 63);
        r0 <<= 1;
        ulong hi;
        ulong lo;
        carry = 0;
        hi = Math.BigMul(a0, a0, out lo);
        r0 = AddCarry(r0, lo, ref carry);
        r1 = AddCarry(r1, hi, ref carry);
        hi = Math.BigMul(a1, a1, out lo);
        r2 = AddCarry(r2, lo, ref carry);
        r3 = AddCarry(r3, hi, ref carry);
        hi = Math.BigMul(a2, a2, out lo);
        r4 = AddCarry(r4, lo, ref carry);
        r5 = AddCarry(r5, hi, ref carry);
        hi = Math.BigMul(a3, a3, out lo);
        r6 = AddCarry(r6, lo, ref carry);
        r7 = AddCarry(r7, hi, ref carry);
        Reduce4(r0, r1, r2, r3, r4, r5, r6, r7, ref result, c);
    }

    /// <summary>(a·b) mod (2^512 − c) for a &lt; 2^512, b &lt; the modulus; the result is fully reduced.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Multiply8(ref ulong a, ref ulong b, ref ulong result, ulong c)
    {
        ulong a0 = Unsafe.Add(ref a, 0); ulong a1 = Unsafe.Add(ref a, 1); ulong a2 = Unsafe.Add(ref a, 2); ulong a3 = Unsafe.Add(ref a, 3); ulong a4 = Unsafe.Add(ref a, 4); ulong a5 = Unsafe.Add(ref a, 5); ulong a6 = Unsafe.Add(ref a, 6); ulong a7 = Unsafe.Add(ref a, 7);
        ulong r0 = 0; ulong r1 = 0; ulong r2 = 0; ulong r3 = 0; ulong r4 = 0; ulong r5 = 0; ulong r6 = 0; ulong r7 = 0; ulong r8 = 0; ulong r9 = 0; ulong r10 = 0; ulong r11 = 0; ulong r12 = 0; ulong r13 = 0; ulong r14 = 0; ulong r15 = 0;
        ulong carry;
        ulong bi;
        bi = Unsafe.Add(ref b, 0);
        carry = 0;
        r0 = MulAdd(a0, bi, r0, ref carry);
        r1 = MulAdd(a1, bi, r1, ref carry);
        r2 = MulAdd(a2, bi, r2, ref carry);
        r3 = MulAdd(a3, bi, r3, ref carry);
        r4 = MulAdd(a4, bi, r4, ref carry);
        r5 = MulAdd(a5, bi, r5, ref carry);
        r6 = MulAdd(a6, bi, r6, ref carry);
        r7 = MulAdd(a7, bi, r7, ref carry);
        r8 = carry;
        bi = Unsafe.Add(ref b, 1);
        carry = 0;
        r1 = MulAdd(a0, bi, r1, ref carry);
        r2 = MulAdd(a1, bi, r2, ref carry);
        r3 = MulAdd(a2, bi, r3, ref carry);
        r4 = MulAdd(a3, bi, r4, ref carry);
        r5 = MulAdd(a4, bi, r5, ref carry);
        r6 = MulAdd(a5, bi, r6, ref carry);
        r7 = MulAdd(a6, bi, r7, ref carry);
        r8 = MulAdd(a7, bi, r8, ref carry);
        r9 = carry;
        bi = Unsafe.Add(ref b, 2);
        carry = 0;
        r2 = MulAdd(a0, bi, r2, ref carry);
        r3 = MulAdd(a1, bi, r3, ref carry);
        r4 = MulAdd(a2, bi, r4, ref carry);
        r5 = MulAdd(a3, bi, r5, ref carry);
        r6 = MulAdd(a4, bi, r6, ref carry);
        r7 = MulAdd(a5, bi, r7, ref carry);
        r8 = MulAdd(a6, bi, r8, ref carry);
        r9 = MulAdd(a7, bi, r9, ref carry);
        r10 = carry;
        bi = Unsafe.Add(ref b, 3);
        carry = 0;
        r3 = MulAdd(a0, bi, r3, ref carry);
        r4 = MulAdd(a1, bi, r4, ref carry);
        r5 = MulAdd(a2, bi, r5, ref carry);
        r6 = MulAdd(a3, bi, r6, ref carry);
        r7 = MulAdd(a4, bi, r7, ref carry);
        r8 = MulAdd(a5, bi, r8, ref carry);
        r9 = MulAdd(a6, bi, r9, ref carry);
        r10 = MulAdd(a7, bi, r10, ref carry);
        r11 = carry;
        bi = Unsafe.Add(ref b, 4);
        carry = 0;
        r4 = MulAdd(a0, bi, r4, ref carry);
        r5 = MulAdd(a1, bi, r5, ref carry);
        r6 = MulAdd(a2, bi, r6, ref carry);
        r7 = MulAdd(a3, bi, r7, ref carry);
        r8 = MulAdd(a4, bi, r8, ref carry);
        r9 = MulAdd(a5, bi, r9, ref carry);
        r10 = MulAdd(a6, bi, r10, ref carry);
        r11 = MulAdd(a7, bi, r11, ref carry);
        r12 = carry;
        bi = Unsafe.Add(ref b, 5);
        carry = 0;
        r5 = MulAdd(a0, bi, r5, ref carry);
        r6 = MulAdd(a1, bi, r6, ref carry);
        r7 = MulAdd(a2, bi, r7, ref carry);
        r8 = MulAdd(a3, bi, r8, ref carry);
        r9 = MulAdd(a4, bi, r9, ref carry);
        r10 = MulAdd(a5, bi, r10, ref carry);
        r11 = MulAdd(a6, bi, r11, ref carry);
        r12 = MulAdd(a7, bi, r12, ref carry);
        r13 = carry;
        bi = Unsafe.Add(ref b, 6);
        carry = 0;
        r6 = MulAdd(a0, bi, r6, ref carry);
        r7 = MulAdd(a1, bi, r7, ref carry);
        r8 = MulAdd(a2, bi, r8, ref carry);
        r9 = MulAdd(a3, bi, r9, ref carry);
        r10 = MulAdd(a4, bi, r10, ref carry);
        r11 = MulAdd(a5, bi, r11, ref carry);
        r12 = MulAdd(a6, bi, r12, ref carry);
        r13 = MulAdd(a7, bi, r13, ref carry);
        r14 = carry;
        bi = Unsafe.Add(ref b, 7);
        carry = 0;
        r7 = MulAdd(a0, bi, r7, ref carry);
        r8 = MulAdd(a1, bi, r8, ref carry);
        r9 = MulAdd(a2, bi, r9, ref carry);
        r10 = MulAdd(a3, bi, r10, ref carry);
        r11 = MulAdd(a4, bi, r11, ref carry);
        r12 = MulAdd(a5, bi, r12, ref carry);
        r13 = MulAdd(a6, bi, r13, ref carry);
        r14 = MulAdd(a7, bi, r14, ref carry);
        r15 = carry;
        Reduce8(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, ref result, c);
    }

    /// <summary>a² mod (2^512 − c) for a &lt; 2^512: the n(n−1)/2 cross products once, doubled, plus the squares.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Square8(ref ulong a, ref ulong result, ulong c)
    {
        ulong a0 = Unsafe.Add(ref a, 0); ulong a1 = Unsafe.Add(ref a, 1); ulong a2 = Unsafe.Add(ref a, 2); ulong a3 = Unsafe.Add(ref a, 3); ulong a4 = Unsafe.Add(ref a, 4); ulong a5 = Unsafe.Add(ref a, 5); ulong a6 = Unsafe.Add(ref a, 6); ulong a7 = Unsafe.Add(ref a, 7);
        ulong r0 = 0; ulong r1 = 0; ulong r2 = 0; ulong r3 = 0; ulong r4 = 0; ulong r5 = 0; ulong r6 = 0; ulong r7 = 0; ulong r8 = 0; ulong r9 = 0; ulong r10 = 0; ulong r11 = 0; ulong r12 = 0; ulong r13 = 0; ulong r14 = 0; ulong r15 = 0;
        ulong carry;
        carry = 0;
        r1 = MulAdd(a0, a1, r1, ref carry);
        r2 = MulAdd(a0, a2, r2, ref carry);
        r3 = MulAdd(a0, a3, r3, ref carry);
        r4 = MulAdd(a0, a4, r4, ref carry);
        r5 = MulAdd(a0, a5, r5, ref carry);
        r6 = MulAdd(a0, a6, r6, ref carry);
        r7 = MulAdd(a0, a7, r7, ref carry);
        r8 = carry;
        carry = 0;
        r3 = MulAdd(a1, a2, r3, ref carry);
        r4 = MulAdd(a1, a3, r4, ref carry);
        r5 = MulAdd(a1, a4, r5, ref carry);
        r6 = MulAdd(a1, a5, r6, ref carry);
        r7 = MulAdd(a1, a6, r7, ref carry);
        r8 = MulAdd(a1, a7, r8, ref carry);
        r9 = carry;
        carry = 0;
        r5 = MulAdd(a2, a3, r5, ref carry);
        r6 = MulAdd(a2, a4, r6, ref carry);
        r7 = MulAdd(a2, a5, r7, ref carry);
        r8 = MulAdd(a2, a6, r8, ref carry);
        r9 = MulAdd(a2, a7, r9, ref carry);
        r10 = carry;
        carry = 0;
        r7 = MulAdd(a3, a4, r7, ref carry);
        r8 = MulAdd(a3, a5, r8, ref carry);
        r9 = MulAdd(a3, a6, r9, ref carry);
        r10 = MulAdd(a3, a7, r10, ref carry);
        r11 = carry;
        carry = 0;
        r9 = MulAdd(a4, a5, r9, ref carry);
        r10 = MulAdd(a4, a6, r10, ref carry);
        r11 = MulAdd(a4, a7, r11, ref carry);
        r12 = carry;
        carry = 0;
        r11 = MulAdd(a5, a6, r11, ref carry);
        r12 = MulAdd(a5, a7, r12, ref carry);
        r13 = carry;
        carry = 0;
        r13 = MulAdd(a6, a7, r13, ref carry);
        r14 = carry;
        r15 = r14 >> 63;
        r14 = (r14 << 1) | (r13 >> 63);
        r13 = (r13 << 1) | (r12 >> 63);
        r12 = (r12 << 1) | (r11 >> 63);
        r11 = (r11 << 1) | (r10 >> 63);
        r10 = (r10 << 1) | (r9 >> 63);
        r9 = (r9 << 1) | (r8 >> 63);
        r8 = (r8 << 1) | (r7 >> 63);
        r7 = (r7 << 1) | (r6 >> 63);
        r6 = (r6 << 1) | (r5 >> 63);
        r5 = (r5 << 1) | (r4 >> 63);
        r4 = (r4 << 1) | (r3 >> 63);
        r3 = (r3 << 1) | (r2 >> 63);
        r2 = (r2 << 1) | (r1 >> 63);
        r1 = (r1 << 1) | (r0 >> 63);
        r0 <<= 1;
        ulong hi;
        ulong lo;
        carry = 0;
        hi = Math.BigMul(a0, a0, out lo);
        r0 = AddCarry(r0, lo, ref carry);
        r1 = AddCarry(r1, hi, ref carry);
        hi = Math.BigMul(a1, a1, out lo);
        r2 = AddCarry(r2, lo, ref carry);
        r3 = AddCarry(r3, hi, ref carry);
        hi = Math.BigMul(a2, a2, out lo);
        r4 = AddCarry(r4, lo, ref carry);
        r5 = AddCarry(r5, hi, ref carry);
        hi = Math.BigMul(a3, a3, out lo);
        r6 = AddCarry(r6, lo, ref carry);
        r7 = AddCarry(r7, hi, ref carry);
        hi = Math.BigMul(a4, a4, out lo);
        r8 = AddCarry(r8, lo, ref carry);
        r9 = AddCarry(r9, hi, ref carry);
        hi = Math.BigMul(a5, a5, out lo);
        r10 = AddCarry(r10, lo, ref carry);
        r11 = AddCarry(r11, hi, ref carry);
        hi = Math.BigMul(a6, a6, out lo);
        r12 = AddCarry(r12, lo, ref carry);
        r13 = AddCarry(r13, hi, ref carry);
        hi = Math.BigMul(a7, a7, out lo);
        r14 = AddCarry(r14, lo, ref carry);
        r15 = AddCarry(r15, hi, ref carry);
        Reduce8(r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, ref result, c);
    }

    /// <summary>Reduces a 8-limb value: lo + c·hi (2^256 ≡ c), the small top limb folded again, then one conditional subtraction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce4(ulong r0, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, ulong r6, ulong r7, ref ulong result, ulong c)
    {
        ulong carry = 0;
        ulong t0 = MulAdd(r4, c, r0, ref carry);
        ulong t1 = MulAdd(r5, c, r1, ref carry);
        ulong t2 = MulAdd(r6, c, r2, ref carry);
        ulong t3 = MulAdd(r7, c, r3, ref carry);
        ulong fold = carry * c; // carry ≤ c < 2^32, so the product fits in 64 bits
        carry = 0;
        t0 = AddCarry(t0, fold, ref carry);
        t1 = AddCarry(t1, 0, ref carry);
        t2 = AddCarry(t2, 0, ref carry);
        t3 = AddCarry(t3, 0, ref carry);
        if (carry != 0)
        {
            t0 += c; // the sum wrapped: what is left is below 2^64 − c, so this cannot carry
        }

        // t ≥ p = 2^(64·n) − c exactly when t + c carries out of the top limb; then t + c − 2^(64·n) is t − p.
        carry = 0;
        ulong s0 = AddCarry(t0, c, ref carry);
        ulong s1 = AddCarry(t1, 0, ref carry);
        ulong s2 = AddCarry(t2, 0, ref carry);
        ulong s3 = AddCarry(t3, 0, ref carry);
        bool reduce = carry != 0;
        Unsafe.Add(ref result, 0) = reduce ? s0 : t0;
        Unsafe.Add(ref result, 1) = reduce ? s1 : t1;
        Unsafe.Add(ref result, 2) = reduce ? s2 : t2;
        Unsafe.Add(ref result, 3) = reduce ? s3 : t3;
    }

    /// <summary>Reduces a 16-limb value: lo + c·hi (2^512 ≡ c), the small top limb folded again, then one conditional subtraction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Reduce8(ulong r0, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, ulong r6, ulong r7, ulong r8, ulong r9, ulong r10, ulong r11, ulong r12, ulong r13, ulong r14, ulong r15, ref ulong result, ulong c)
    {
        ulong carry = 0;
        ulong t0 = MulAdd(r8, c, r0, ref carry);
        ulong t1 = MulAdd(r9, c, r1, ref carry);
        ulong t2 = MulAdd(r10, c, r2, ref carry);
        ulong t3 = MulAdd(r11, c, r3, ref carry);
        ulong t4 = MulAdd(r12, c, r4, ref carry);
        ulong t5 = MulAdd(r13, c, r5, ref carry);
        ulong t6 = MulAdd(r14, c, r6, ref carry);
        ulong t7 = MulAdd(r15, c, r7, ref carry);
        ulong fold = carry * c; // carry ≤ c < 2^32, so the product fits in 64 bits
        carry = 0;
        t0 = AddCarry(t0, fold, ref carry);
        t1 = AddCarry(t1, 0, ref carry);
        t2 = AddCarry(t2, 0, ref carry);
        t3 = AddCarry(t3, 0, ref carry);
        t4 = AddCarry(t4, 0, ref carry);
        t5 = AddCarry(t5, 0, ref carry);
        t6 = AddCarry(t6, 0, ref carry);
        t7 = AddCarry(t7, 0, ref carry);
        if (carry != 0)
        {
            t0 += c; // the sum wrapped: what is left is below 2^64 − c, so this cannot carry
        }

        // t ≥ p = 2^(64·n) − c exactly when t + c carries out of the top limb; then t + c − 2^(64·n) is t − p.
        carry = 0;
        ulong s0 = AddCarry(t0, c, ref carry);
        ulong s1 = AddCarry(t1, 0, ref carry);
        ulong s2 = AddCarry(t2, 0, ref carry);
        ulong s3 = AddCarry(t3, 0, ref carry);
        ulong s4 = AddCarry(t4, 0, ref carry);
        ulong s5 = AddCarry(t5, 0, ref carry);
        ulong s6 = AddCarry(t6, 0, ref carry);
        ulong s7 = AddCarry(t7, 0, ref carry);
        bool reduce = carry != 0;
        Unsafe.Add(ref result, 0) = reduce ? s0 : t0;
        Unsafe.Add(ref result, 1) = reduce ? s1 : t1;
        Unsafe.Add(ref result, 2) = reduce ? s2 : t2;
        Unsafe.Add(ref result, 3) = reduce ? s3 : t3;
        Unsafe.Add(ref result, 4) = reduce ? s4 : t4;
        Unsafe.Add(ref result, 5) = reduce ? s5 : t5;
        Unsafe.Add(ref result, 6) = reduce ? s6 : t6;
        Unsafe.Add(ref result, 7) = reduce ? s7 : t7;
    }
}
