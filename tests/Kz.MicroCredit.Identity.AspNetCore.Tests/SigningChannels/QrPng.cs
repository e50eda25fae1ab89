using System.Buffers.Binary;
using System.IO.Compression;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.SigningChannels;

/// <summary>Reads a QR code back from a PNG: a minimal PNG decoder (greyscale/palette, 1–8 bit, no interlace) and ZXing.</summary>
internal static class QrPng
{
    public static string Decode(byte[] png)
    {
        (int width, int height, byte[] gray) = ToGray(png);
        // A quiet border helps the detector; the renderer already draws one, this keeps the test independent of it.
        var source = new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        Result? result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = false, [DecodeHintType.TRY_HARDER] = true });
        return result?.Text ?? throw new InvalidOperationException("No QR code found in the PNG.");
    }

    private static (int Width, int Height, byte[] Gray) ToGray(byte[] png)
    {
        int offset = 8, width = 0, height = 0, depth = 0, colorType = 0;
        byte[]? palette = null;
        using var idat = new MemoryStream();
        while (offset < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            ReadOnlySpan<byte> data = png.AsSpan(offset + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    depth = data[8];
                    colorType = data[9];
                    if (data[12] != 0 || (colorType != 0 && colorType != 3) || depth > 8)
                    {
                        throw new NotSupportedException("Only non-interlaced greyscale or palette PNGs up to 8 bits.");
                    }

                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        byte[] raw = inflated.ToArray();
        int stride = ((width * depth) + 7) / 8;
        byte[] previous = new byte[stride], line = new byte[stride];
        byte[] gray = new byte[width * height];
        int position = 0;
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[position++];
            Array.Copy(raw, position, line, 0, stride);
            position += stride;
            for (int i = 0; i < stride; i++)
            {
                int left = i > 0 ? line[i - 1] : 0, up = previous[i], upLeft = i > 0 ? previous[i - 1] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                });
            }

            for (int x = 0; x < width; x++)
            {
                int bitOffset = x * depth;
                int value = (line[bitOffset / 8] >> (8 - depth - (bitOffset % 8))) & ((1 << depth) - 1);
                gray[(y * width) + x] = colorType == 3 && palette is not null
                    ? palette[value * 3]
                    : (byte)(value * 255 / ((1 << depth) - 1));
            }

            (previous, line) = (line, previous);
        }

        return (width, height, gray);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
