using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// GOST 34.311-95 (GOST R 34.11-94 with the "D-TEST" S-box of GOST 28147-89): a table-driven, allocation-free
/// implementation that produces the same output as BouncyCastle's <c>Gost3411Digest(Gost28147Engine.GetSBox("D-TEST"))</c>.
/// </summary>
/// <remarks>
/// The 256-bit state words are kept as four little-endian <see cref="ulong"/>s (byte 0 of the BouncyCastle byte array
/// is the low byte of word 0). The GOST 28147-89 round function uses four 256-entry tables, each combining two S-box
/// nibbles with the 11-bit left rotation already applied, so a round is four lookups and three XORs. The key
/// transformation P, the A shift and the psi (ψ) feedback shift register all work on the four words in registers.
/// Not thread-safe: one instance per thread or per use.
/// </remarks>
internal sealed class Gost34311Digest : IDigest
{
    private const int BlockSize = 32;

    // C3 of the key schedule (C2 and C4 are zero), as four little-endian words.
    private const ulong C3W0 = 0xFF00FF00FF00FF00UL;
    private const ulong C3W1 = 0x00FF00FF00FF00FFUL;
    private const ulong C3W2 = 0xFF0000FF00FFFF00UL;
    private const ulong C3W3 = 0xFF00FFFF000000FFUL;

    // Four 256-entry tables back to back: entry 256*p + b = rol11(S-box of byte position p applied to b << 8p).
    private static readonly uint[] Table = BuildTable(Gost28147Engine.GetSBox("D-TEST"));

    private ulong _h0, _h1, _h2, _h3;
    private ulong _sum0, _sum1, _sum2, _sum3;
    private ulong _byteCount;
    private int _bufferLength;
    private Buffer32 _buffer;

    /// <summary>Initializes a new instance of the <see cref="Gost34311Digest"/> class.</summary>
    public Gost34311Digest() => Reset();

    /// <inheritdoc/>
    public string AlgorithmName => "Gost3411";

    /// <inheritdoc/>
    public int GetDigestSize() => 32;

    /// <inheritdoc/>
    public int GetByteLength() => BlockSize;

    /// <inheritdoc/>
    public void Update(byte input) => BlockUpdate(new ReadOnlySpan<byte>(in input));

    /// <inheritdoc/>
    public void BlockUpdate(byte[] input, int inOff, int inLen) => BlockUpdate(input.AsSpan(inOff, inLen));

    /// <inheritdoc/>
    public void BlockUpdate(ReadOnlySpan<byte> input)
    {
        _byteCount += (ulong)input.Length;
        Span<byte> buffer = _buffer;
        if (_bufferLength != 0)
        {
            int take = Math.Min(BlockSize - _bufferLength, input.Length);
            input[..take].CopyTo(buffer[_bufferLength..]);
            _bufferLength += take;
            input = input[take..];
            if (_bufferLength < BlockSize)
            {
                return;
            }

            ProcessMessageBlock(buffer);
            _bufferLength = 0;
        }

        while (input.Length >= BlockSize)
        {
            ProcessMessageBlock(input);
            input = input[BlockSize..];
        }

        if (!input.IsEmpty)
        {
            input.CopyTo(buffer);
            _bufferLength = input.Length;
        }
    }

    /// <inheritdoc/>
    public int DoFinal(byte[] output, int outOff) => DoFinal(output.AsSpan(outOff));

    /// <inheritdoc/>
    public int DoFinal(Span<byte> output)
    {
        if (output.Length < 32)
        {
            throw new ArgumentException("The output buffer is too short.", nameof(output));
        }

        if (_bufferLength != 0)
        {
            Span<byte> buffer = _buffer;
            buffer[_bufferLength..].Clear();
            ProcessMessageBlock(buffer);
        }

        // L = the message length in bits (mod 2^64 as in BouncyCastle), then the checksum block.
        Compress(_byteCount << 3, 0, 0, 0);
        Compress(_sum0, _sum1, _sum2, _sum3);

        BinaryPrimitives.WriteUInt64LittleEndian(output, _h0);
        BinaryPrimitives.WriteUInt64LittleEndian(output[8..], _h1);
        BinaryPrimitives.WriteUInt64LittleEndian(output[16..], _h2);
        BinaryPrimitives.WriteUInt64LittleEndian(output[24..], _h3);
        Reset();
        return 32;
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _h0 = _h1 = _h2 = _h3 = 0;
        _sum0 = _sum1 = _sum2 = _sum3 = 0;
        _byteCount = 0;
        _bufferLength = 0;
        ((Span<byte>)_buffer).Clear();
    }

    private static uint[] BuildTable(byte[] sbox)
    {
        // BouncyCastle's S-box layout: sbox[16 * nibblePosition + nibbleValue], nibble 0 = least significant.
        var table = new uint[1024];
        for (int bytePosition = 0; bytePosition < 4; bytePosition++)
        {
            int low = 2 * bytePosition;
            for (int b = 0; b < 256; b++)
            {
                uint substituted = (uint)(sbox[(16 * low) + (b & 0xF)] | (sbox[(16 * (low + 1)) + (b >> 4)] << 4));
                table[(256 * bytePosition) + b] = BitOperations.RotateLeft(substituted << (8 * bytePosition), 11);
            }
        }

        return table;
    }

    private void ProcessMessageBlock(ReadOnlySpan<byte> block)
    {
        ulong m0 = BinaryPrimitives.ReadUInt64LittleEndian(block);
        ulong m1 = BinaryPrimitives.ReadUInt64LittleEndian(block[8..]);
        ulong m2 = BinaryPrimitives.ReadUInt64LittleEndian(block[16..]);
        ulong m3 = BinaryPrimitives.ReadUInt64LittleEndian(block[24..]);

        // Sum += M (mod 2^256).
        ulong s = _sum0 + m0;
        ulong carry = s < m0 ? 1UL : 0UL;
        _sum0 = s;
        s = _sum1 + m1 + carry;
        carry = (s < m1 || (carry != 0 && s == m1)) ? 1UL : 0UL;
        _sum1 = s;
        s = _sum2 + m2 + carry;
        carry = (s < m2 || (carry != 0 && s == m2)) ? 1UL : 0UL;
        _sum2 = s;
        _sum3 += m3 + carry;

        Compress(m0, m1, m2, m3);
    }

    private void Compress(ulong m0, ulong m1, ulong m2, ulong m3)
    {
        ulong h0 = _h0, h1 = _h1, h2 = _h2, h3 = _h3;

        // Key generation: K_i = P(U_i ^ V_i).
        ulong u0 = h0, u1 = h1, u2 = h2, u3 = h3;
        ulong v0 = m0, v1 = m1, v2 = m2, v3 = m3;
        Keys keys = default;
        keys.Set(0, u0 ^ v0, u1 ^ v1, u2 ^ v2, u3 ^ v3);

        // U = A(U) (C2 = 0); V = A(A(V)).
        (u0, u1, u2, u3) = (u1, u2, u3, u0 ^ u1);
        (v0, v1, v2, v3) = (v2, v3, v0 ^ v1, v1 ^ v2);
        keys.Set(1, u0 ^ v0, u1 ^ v1, u2 ^ v2, u3 ^ v3);

        // U = A(U) ^ C3.
        (u0, u1, u2, u3) = (u1 ^ C3W0, u2 ^ C3W1, u3 ^ C3W2, u0 ^ u1 ^ C3W3);
        (v0, v1, v2, v3) = (v2, v3, v0 ^ v1, v1 ^ v2);
        keys.Set(2, u0 ^ v0, u1 ^ v1, u2 ^ v2, u3 ^ v3);

        // U = A(U) (C4 = 0).
        (u0, u1, u2, u3) = (u1, u2, u3, u0 ^ u1);
        (v0, v1, v2, v3) = (v2, v3, v0 ^ v1, v1 ^ v2);
        keys.Set(3, u0 ^ v0, u1 ^ v1, u2 ^ v2, u3 ^ v3);

        // s_i = E_{K_i}(h_i): the four encryptions are independent, so they run interleaved.
        Encrypt4(ref keys, h0, h1, h2, h3, out ulong s0, out ulong s1, out ulong s2, out ulong s3);

        // Mixing: H' = psi^61(H ^ psi(M ^ psi^12(S))).
        for (int i = 0; i < 12; i++)
        {
            Psi(ref s0, ref s1, ref s2, ref s3);
        }

        s0 ^= m0;
        s1 ^= m1;
        s2 ^= m2;
        s3 ^= m3;
        Psi(ref s0, ref s1, ref s2, ref s3);
        s0 ^= h0;
        s1 ^= h1;
        s2 ^= h2;
        s3 ^= h3;
        for (int i = 0; i < 61; i++)
        {
            Psi(ref s0, ref s1, ref s2, ref s3);
        }

        _h0 = s0;
        _h1 = s1;
        _h2 = s2;
        _h3 = s3;
    }

    /// <summary>psi: shift the 256-bit value right by 16 bits, feeding y0^y1^y2^y3^y12^y15 into the top.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Psi(ref ulong w0, ref ulong w1, ref ulong w2, ref ulong w3)
    {
        ulong feedback = (w0 ^ (w0 >> 16) ^ (w0 >> 32) ^ (w0 >> 48) ^ w3 ^ (w3 >> 48)) & 0xFFFF;
        w0 = (w0 >> 16) | (w1 << 48);
        w1 = (w1 >> 16) | (w2 << 48);
        w2 = (w2 >> 16) | (w3 << 48);
        w3 = (w3 >> 16) | (feedback << 48);
    }

    /// <summary>GOST 28147-89 ECB encryption of four 64-bit blocks, block i under key schedule i, interleaved.</summary>
    private static void Encrypt4(ref Keys keys, ulong b0, ulong b1, ulong b2, ulong b3, out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        ref uint table = ref MemoryMarshal.GetArrayDataReference(Table);
        Span<uint> k = keys;
        uint a1 = (uint)b0, a2 = (uint)(b0 >> 32);
        uint c1 = (uint)b1, c2 = (uint)(b1 >> 32);
        uint d1 = (uint)b2, d2 = (uint)(b2 >> 32);
        uint e1 = (uint)b3, e2 = (uint)(b3 >> 32);

        // 32 rounds: key index j for rounds 0..23 is round % 8, for rounds 24..31 it is 31 - round. The halves
        // alternate instead of swapping, so after the last round (without a swap) the result is (x2, x1).
        for (int round = 0; round < 32; round += 2)
        {
            int j0 = round < 24 ? round & 7 : 31 - round;
            int j1 = round < 24 ? (round + 1) & 7 : 30 - round;
            a2 ^= F(ref table, a1 + k[j0]);
            c2 ^= F(ref table, c1 + k[8 + j0]);
            d2 ^= F(ref table, d1 + k[16 + j0]);
            e2 ^= F(ref table, e1 + k[24 + j0]);
            a1 ^= F(ref table, a2 + k[j1]);
            c1 ^= F(ref table, c2 + k[8 + j1]);
            d1 ^= F(ref table, d2 + k[16 + j1]);
            e1 ^= F(ref table, e2 + k[24 + j1]);
        }

        r0 = a2 | ((ulong)a1 << 32);
        r1 = c2 | ((ulong)c1 << 32);
        r2 = d2 | ((ulong)d1 << 32);
        r3 = e2 | ((ulong)e1 << 32);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint KeyWord(ulong w0, ulong w1, ulong w2, ulong w3, int shift) =>
        (uint)((w0 >> shift) & 0xFF)
        | ((uint)((w1 >> shift) & 0xFF) << 8)
        | ((uint)((w2 >> shift) & 0xFF) << 16)
        | ((uint)((w3 >> shift) & 0xFF) << 24);

    /// <summary>The round function: four lookups into the 4×256 table (indices are masked to 0..1023, no bounds checks needed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint F(ref uint table, uint x) =>
        Unsafe.Add(ref table, (nint)(x & 0xFF))
        ^ Unsafe.Add(ref table, (nint)(256 + ((x >> 8) & 0xFF)))
        ^ Unsafe.Add(ref table, (nint)(512 + ((x >> 16) & 0xFF)))
        ^ Unsafe.Add(ref table, (nint)(768 + (x >> 24)));

    /// <summary>The four 8-word key schedules of one compression.</summary>
    [InlineArray(32)]
    private struct Keys
    {
        private uint _element0;

        /// <summary>P: key word j takes byte j of each of the four W words (w0 lowest).</summary>
        public void Set(int index, ulong w0, ulong w1, ulong w2, ulong w3)
        {
            Span<uint> k = this;
            k = k.Slice(8 * index, 8);
            for (int j = 0; j < 8; j++)
            {
                k[j] = KeyWord(w0, w1, w2, w3, 8 * j);
            }
        }
    }

    [InlineArray(32)]
    private struct Buffer32
    {
        private byte _element0;
    }
}
