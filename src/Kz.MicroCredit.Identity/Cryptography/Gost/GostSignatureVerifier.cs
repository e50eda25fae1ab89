using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Kz.MicroCredit.Identity.Cryptography.Gost;

/// <summary>
/// GOST 34.310-2004 / GOST R 34.10 signature verification (GOST 34.10-2015 §6.2) on fixed-limb Montgomery arithmetic:
/// v = e⁻¹ mod q, z1 = s·v, z2 = −r·v, C = z1·G + z2·Q by interleaved wNAF (Straus) over a shared base-point table and
/// the key's table (a returning key's affine per-part tables, or a first-time key's small Jacobian table on the stack),
/// then the check x(C) mod q = r without a field inversion (X = x·Z² for each x ≡ r mod q below p).
/// Allocation-free; every buffer is on the stack. Not constant-time (public data only).
/// </summary>
internal static class GostSignatureVerifier
{
    /// <summary>Verifies a signature in the NCA layout r‖s (each half little-endian) over a digest.</summary>
    /// <param name="key">The public key.</param>
    /// <param name="hash">The digest; read as a little-endian integer e (GOST's byte order), as BouncyCastle does.</param>
    /// <param name="signature">r‖s, each of the coordinate size, little-endian.</param>
    /// <returns><see langword="true"/> when the signature is valid.</returns>
    public static bool Verify(GostPublicPoint key, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        GostCurve curve = key.Curve;
        int n = curve.Limbs;
        if (signature.Length != 16 * n || hash.Length > 8 * n)
        {
            return false;
        }

        MontgomeryField order = curve.Order;
        Span<ulong> r = stackalloc ulong[n];
        Span<ulong> s = stackalloc ulong[n];
        ReadLittleEndian(signature[..(8 * n)], r);
        ReadLittleEndian(signature[(8 * n)..], s);
        if (MontgomeryField.IsZero(r) || MontgomeryField.IsZero(s)
            || MontgomeryField.Compare(r, order.Modulus) >= 0 || MontgomeryField.Compare(s, order.Modulus) >= 0)
        {
            return false;
        }

        // e = hash mod q; e := 1 when e ≡ 0 (GOST 34.10-2015 §6.2 step 3). ToMontgomery reduces any value below 2^(64n).
        Span<ulong> v = stackalloc ulong[n];
        Span<byte> hashPadded = stackalloc byte[8 * n];
        hashPadded.Clear();
        hash.CopyTo(hashPadded);
        ReadLittleEndian(hashPadded, v);
        order.ToMontgomery(v, v);
        if (MontgomeryField.IsZero(v))
        {
            order.One.CopyTo(v);
        }

        order.Invert(v, v);                     // v = e⁻¹ (Montgomery form)
        Span<ulong> z1 = stackalloc ulong[n];
        Span<ulong> z2 = stackalloc ulong[n];
        order.Multiply(s, v, z1);               // s·(e⁻¹·R)·R⁻¹ = s·e⁻¹, plain
        order.Modulus.CopyTo(z2);
        MontgomeryField.SubtractInPlace(z2, r);
        order.Multiply(z2, v, z2);              // (q − r)·e⁻¹, plain

        Span<ulong> c = stackalloc ulong[3 * n];
        Span<ulong> scratch = stackalloc ulong[10 * n];
        return JointMultiply(curve, z1, z2, key, c, scratch) && XMatches(curve, c, r, scratch);
    }

    /// <summary>Reads consecutive little-endian 64-bit limbs.</summary>
    /// <param name="bytes">8·limbs bytes.</param>
    /// <param name="limbs">The limbs.</param>
    internal static void ReadLittleEndian(ReadOnlySpan<byte> bytes, Span<ulong> limbs)
    {
        for (int i = 0; i < limbs.Length; i++)
        {
            limbs[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(8 * i, 8));
        }
    }

    /// <summary>Rewrites a scalar below 2^(64·limbs) in width-w non-adjacent form; returns the number of digits.</summary>
    /// <param name="scalar">The scalar.</param>
    /// <param name="window">w.</param>
    /// <param name="digits">At least 64·limbs + 1 digits.</param>
    /// <returns>The number of digits written.</returns>
    internal static int Wnaf(ReadOnlySpan<ulong> scalar, int window, Span<sbyte> digits)
    {
        Span<ulong> k = stackalloc ulong[scalar.Length + 1];
        scalar.CopyTo(k);
        k[^1] = 0;
        int full = 1 << window;
        int half = full >> 1;
        int length = 0;
        int position = 0;
        while (!MontgomeryField.IsZero(k))
        {
            if ((k[0] & 1) == 0)
            {
                int zeros = k[0] == 0 ? 63 : BitOperations.TrailingZeroCount(k[0]);

                digits.Slice(position, zeros).Clear();
                position += zeros;
                ShiftRight(k, zeros);
                continue;
            }

            int digit = (int)(k[0] & (ulong)(full - 1));
            if (digit >= half)
            {
                digit -= full;
            }

            digits[position++] = (sbyte)digit;
            if (digit > 0)
            {
                k[0] -= (ulong)digit; // k[0] ≥ digit: the digit is k's low bits
            }
            else
            {
                AddSmall(k, (ulong)(-digit));
            }

            // The next w − 1 digits are zero (k is now divisible by 2^w).
            int zerosAfter = window - 1;
            digits.Slice(position, zerosAfter).Clear();
            position += zerosAfter;
            ShiftRight(k, window);
            length = position - zerosAfter;
        }

        return length;
    }

    /// <summary>
    /// C = z1·G + z2·Q by interleaved wNAF. A returning key uses its per-part affine tables (64 doublings); a key seen for
    /// the first time uses a small Jacobian table built on the stack for this call (the full-length doubling chain, but
    /// no inversion and nothing built that a signer who never returns would not use).
    /// </summary>
    /// <returns><see langword="false"/> when the key has small order (a multiple in its table is the point at infinity).</returns>
    private static bool JointMultiply(GostCurve curve, ReadOnlySpan<ulong> z1, ReadOnlySpan<ulong> z2, GostPublicPoint key, Span<ulong> result, Span<ulong> scratch)
    {
        int n = curve.Limbs;
        ulong[][] baseTables = curve.BaseTables;
        ulong[][]? keyTables = key.SplitTablesIfReturning();
        bool cold = keyTables is null;
        Span<ulong> coldTable = stackalloc ulong[cold ? (1 << (GostCurve.ColdKeyWindow - 2)) * 3 * n : 0];
        if (cold && !curve.JacobianOddMultiples(key.Point, GostCurve.ColdKeyWindow, coldTable, scratch))
        {
            return false; // a key of small order (possible on the cofactor-4 curves) never verifies
        }

        int parts = cold ? 1 : curve.Parts;
        int chunkBits = cold ? 64 * n : curve.ChunkBits;
        int keyWindow = cold ? GostCurve.ColdKeyWindow : GostCurve.KeyWindow;
        int stride = chunkBits + GostCurve.BaseWindow + 2;
        Span<sbyte> digits = stackalloc sbyte[2 * parts * stride];
        Span<int> lengths = stackalloc int[2 * parts];
        Span<ulong> chunk = stackalloc ulong[n];
        int top = 0;
        for (int j = 0; j < parts; j++)
        {
            ExtractBits(z1, j * chunkBits, chunkBits, chunk);
            lengths[2 * j] = Wnaf(chunk, GostCurve.BaseWindow, digits.Slice(2 * j * stride, stride));
            ExtractBits(z2, j * chunkBits, chunkBits, chunk);
            lengths[(2 * j) + 1] = Wnaf(chunk, keyWindow, digits.Slice(((2 * j) + 1) * stride, stride));
            top = Math.Max(top, Math.Max(lengths[2 * j], lengths[(2 * j) + 1]));
        }

        result.Clear(); // Z = 0: the point at infinity
        bool infinity = true;
        for (int i = top - 1; i >= 0; i--)
        {
            if (!infinity)
            {
                curve.Double(result, scratch);
            }

            for (int stream = 0; stream < 2 * parts; stream++)
            {
                int digit = i < lengths[stream] ? digits[(stream * stride) + i] : 0;
                if (digit == 0)
                {
                    continue;
                }

                int part = stream >> 1;
                int index = (digit < 0 ? -digit : digit) >> 1;
                if ((stream & 1) == 0 || !cold)
                {
                    ReadOnlySpan<ulong> table = (stream & 1) == 0 ? baseTables[part] : keyTables![part];
                    ReadOnlySpan<ulong> entry = table.Slice(index * 2 * n, 2 * n);
                    curve.AddAffine(result, entry[..n], entry[n..], digit < 0, scratch);
                }
                else
                {
                    curve.AddJacobian(result, coldTable.Slice(index * 3 * n, 3 * n), digit < 0, scratch);
                }

                infinity = false;
            }

            infinity = infinity || MontgomeryField.IsZero(result.Slice(2 * n, n));
        }

        return true;
    }

    /// <summary>Copies bits [start, start + count) of a limb number into the low bits of <paramref name="destination"/>.</summary>
    private static void ExtractBits(ReadOnlySpan<ulong> source, int start, int count, Span<ulong> destination)
    {
        destination.Clear();
        for (int bit = 0; bit < count; bit += 64)
        {
            int from = start + bit;
            int limb = from >> 6;
            int shift = from & 63;
            if (limb >= source.Length)
            {
                break;
            }

            ulong value = source[limb] >> shift;
            if (shift != 0 && limb + 1 < source.Length)
            {
                value |= source[limb + 1] << (64 - shift);
            }

            int take = Math.Min(64, count - bit);
            if (take < 64)
            {
                value &= (1UL << take) - 1;
            }

            destination[bit >> 6] = value;
        }
    }

    /// <summary>Checks x(C) mod q = r for a Jacobian C without inverting Z: some x = r + k·q &lt; p has X = x·Z².</summary>
    private static bool XMatches(GostCurve curve, ReadOnlySpan<ulong> c, ReadOnlySpan<ulong> r, Span<ulong> scratch)
    {
        int n = curve.Limbs;
        MontgomeryField field = curve.Field;
        ReadOnlySpan<ulong> z = c.Slice(2 * n, n);
        if (MontgomeryField.IsZero(z))
        {
            return false;
        }

        Span<ulong> zz = scratch[..n];
        Span<ulong> candidate = scratch.Slice(n, n);
        Span<ulong> product = scratch.Slice(2 * n, n);
        field.Square(z, zz);
        r.CopyTo(candidate);
        ReadOnlySpan<ulong> q = curve.Order.Modulus;
        while (MontgomeryField.Compare(candidate, field.Modulus) < 0)
        {
            field.ToMontgomery(candidate, product);
            field.Multiply(product, zz, product);
            if (field.AreEqual(product, c[..n]))
            {
                return true;
            }

            if (MontgomeryField.AddInPlace(candidate, q) != 0)
            {
                break;
            }
        }

        return false;
    }

    private static void ShiftRight(Span<ulong> k, int bits)
    {
        for (int i = 0; i < k.Length - 1; i++)
        {
            k[i] = (k[i] >> bits) | (k[i + 1] << (64 - bits));
        }

        k[^1] >>= bits;
    }

    private static void AddSmall(Span<ulong> k, ulong value)
    {
        for (int i = 0; i < k.Length && value != 0; i++)
        {
            ulong sum = k[i] + value;
            value = sum < k[i] ? 1UL : 0UL;
            k[i] = sum;
        }
    }
}
