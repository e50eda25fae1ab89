using System.Runtime.CompilerServices;

namespace Kz.MicroCredit.Identity.Cryptography.Gost;

/// <summary>
/// The two 64-bit limb steps every field routine is built from, kept in one place so the Montgomery and the
/// pseudo-Mersenne arithmetic cannot drift apart. Inlined by the JIT: a call here costs nothing on the hot path.
/// </summary>
internal static class LimbArithmetic
{
    /// <summary>Returns the low limb of a·b + c + carry and leaves the high limb in <paramref name="carry"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MulAdd(ulong a, ulong b, ulong c, ref ulong carry)
    {
        // a·b + c + carry never overflows 128 bits: (2^64−1)² + 2(2^64−1) = 2^128 − 1.
        ulong hi = Math.BigMul(a, b, out ulong lo);
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        lo += carry;
        hi += lo < carry ? 1UL : 0UL;
        carry = hi;
        return lo;
    }

    /// <summary>Returns x + y + carry modulo 2^64 and leaves the carry out (0 or 1) in <paramref name="carry"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong AddCarry(ulong x, ulong y, ref ulong carry)
    {
        ulong sum = x + y;
        ulong c1 = sum < x ? 1UL : 0UL;
        ulong sum2 = sum + carry;
        carry = c1 | (sum2 < sum ? 1UL : 0UL);
        return sum2;
    }
}
