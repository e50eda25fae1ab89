using System.Buffers.Binary;
using System.Text;

namespace Kz.MicroCredit.Identity.Testing.Biometrics;

/// <summary>
/// Generates tiny but valid baseline JPEG images (uniform grey, one component) for samples and tests: real SOI, JFIF,
/// DQT, SOF0, DHT, SOS and EOI segments, decodable by any JPEG decoder. There is no face in them; the CEID simulator
/// decides by the IIN, not by the pixels.
/// </summary>
public static class SampleFaceImage
{
    /// <summary>Creates a JPEG.</summary>
    /// <param name="width">The width in pixels (1..65535).</param>
    /// <param name="height">The height in pixels (1..65535).</param>
    /// <param name="comment">An optional ASCII comment (a COM segment) to make images distinct.</param>
    /// <returns>The JPEG bytes.</returns>
    public static byte[] CreateJpeg(int width = 320, int height = 240, string? comment = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 65535);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 65535);
        using var stream = new MemoryStream();
        stream.Write([0xFF, 0xD8]); // SOI
        stream.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        if (comment is not null)
        {
            byte[] text = Encoding.ASCII.GetBytes(comment);
            if (text.Length > 1000)
            {
                throw new ArgumentException("The comment is longer than 1000 characters.", nameof(comment));
            }

            Segment(stream, 0xFE, text);
        }

        byte[] dqt = new byte[65];
        Array.Fill(dqt, (byte)1, 1, 64); // table 0, 8-bit, all quantisers 1
        Segment(stream, 0xDB, dqt);
        byte[] sof = new byte[9];
        sof[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(1), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(3), (ushort)width);
        sof[5] = 1; // one component
        sof[6] = 1; // id
        sof[7] = 0x11; // 1x1 sampling
        sof[8] = 0; // quantisation table 0
        Segment(stream, 0xC0, sof);

        // One-symbol Huffman tables: DC "difference category 0" and AC "end of block", each coded as the bit 0.
        byte[] dht = new byte[18];
        dht[1] = 1;
        Segment(stream, 0xC4, dht);
        dht[0] = 0x10;
        Segment(stream, 0xC4, dht);
        Segment(stream, 0xDA, [1, 1, 0x00, 0x00, 0x3F, 0x00]);

        // Each 8x8 block is "DC diff 0, EOB" = two zero bits; pad the last byte with one-bits.
        long blocks = (long)((width + 7) / 8) * ((height + 7) / 8);
        long bits = blocks * 2;
        byte[] scan = new byte[(bits + 7) / 8];
        int used = (int)(bits % 8);
        if (used != 0)
        {
            scan[^1] = (byte)(0xFF >> used);
        }

        stream.Write(scan);
        stream.Write([0xFF, 0xD9]); // EOI
        return stream.ToArray();
    }

    private static void Segment(Stream stream, byte marker, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = [0xFF, marker, 0, 0];
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(payload.Length + 2));
        stream.Write(header);
        stream.Write(payload);
    }
}
