using System.Buffers.Binary;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// Reads the format and dimensions of a JPEG or PNG from its header alone (JPEG SOF segment, PNG IHDR chunk), so that
/// an empty, foreign or oversized payload is refused before anything leaves the process. Pixels are never decoded.
/// </summary>
internal static class FaceImageInspector
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Checks an image against the limits.</summary>
    /// <param name="image">The bytes.</param>
    /// <param name="options">The limits.</param>
    /// <param name="info">What was found.</param>
    /// <returns><see langword="null"/> when acceptable, otherwise the reason.</returns>
    public static ReasonCode? Check(ReadOnlySpan<byte> image, KcmrBiometricsOptions options, out FaceImageInfo info)
    {
        info = default;
        if (image.IsEmpty)
        {
            return ReasonCode.BiometricImageInvalid;
        }

        if (image.Length > options.MaxImageBytes)
        {
            return ReasonCode.BiometricImageOutOfLimits;
        }

        if (!TryInspect(image, out info))
        {
            return ReasonCode.BiometricImageInvalid;
        }

        if (info.Width < options.MinImageWidth || info.Height < options.MinImageHeight ||
            info.Width > options.MaxImageWidth || info.Height > options.MaxImageHeight)
        {
            return ReasonCode.BiometricImageOutOfLimits;
        }

        return null;
    }

    /// <summary>Reads format and dimensions from the header.</summary>
    /// <param name="image">The bytes.</param>
    /// <param name="info">What was found.</param>
    /// <returns><see langword="true"/> when the header is a well-formed JPEG or PNG header with non-zero dimensions.</returns>
    public static bool TryInspect(ReadOnlySpan<byte> image, out FaceImageInfo info)
    {
        info = default;
        if (image.Length >= 3 && image[0] == 0xFF && image[1] == 0xD8 && image[2] == 0xFF)
        {
            return TryReadJpeg(image, out info);
        }

        if (image.StartsWith(PngSignature))
        {
            return TryReadPng(image, out info);
        }

        return false;
    }

    private static bool TryReadPng(ReadOnlySpan<byte> image, out FaceImageInfo info)
    {
        info = default;

        // Signature (8), then the first chunk must be IHDR: length 13, type, width, height, depth, colour, ... , CRC.
        if (image.Length < 8 + 8 + 13 + 4)
        {
            return false;
        }

        ReadOnlySpan<byte> chunk = image[8..];
        if (BinaryPrimitives.ReadUInt32BigEndian(chunk) != 13 || !chunk.Slice(4, 4).SequenceEqual("IHDR"u8))
        {
            return false;
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(chunk[8..]);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(chunk[12..]);
        byte bitDepth = chunk[16];
        byte colourType = chunk[17];
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue ||
            bitDepth is not (1 or 2 or 4 or 8 or 16) || colourType is not (0 or 2 or 3 or 4 or 6))
        {
            return false;
        }

        info = new FaceImageInfo(FaceImageFormat.Png, (int)width, (int)height);
        return true;
    }

    private static bool TryReadJpeg(ReadOnlySpan<byte> image, out FaceImageInfo info)
    {
        info = default;
        int pos = 2;

        // Walk the marker segments up to the first SOF; give up at SOS/EOI or anything malformed.
        for (int segments = 0; segments < 1024; segments++)
        {
            if (pos >= image.Length || image[pos] != 0xFF)
            {
                return false;
            }

            while (pos < image.Length && image[pos] == 0xFF)
            {
                pos++; // fill bytes
            }

            if (pos >= image.Length)
            {
                return false;
            }

            byte marker = image[pos++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // TEM and RSTn carry no length
            }

            if (marker is 0xD8 or 0xD9 or 0xDA or 0x00)
            {
                return false; // a second SOI, EOI or SOS before any frame header, or a stuffed byte out of place
            }

            if (pos + 2 > image.Length)
            {
                return false;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(image[pos..]);
            if (length < 2 || pos + length > image.Length)
            {
                return false;
            }

            if (marker is (>= 0xC0 and <= 0xCF) and not (0xC4 or 0xC8 or 0xCC))
            {
                // SOFn: length, precision, height, width, component count, components (3 bytes each).
                if (length < 8)
                {
                    return false;
                }

                int height = BinaryPrimitives.ReadUInt16BigEndian(image[(pos + 3)..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(image[(pos + 5)..]);
                int components = image[pos + 7];
                if (width == 0 || height == 0 || components is not (1 or 3 or 4) || length != 8 + (3 * components))
                {
                    return false;
                }

                info = new FaceImageInfo(FaceImageFormat.Jpeg, width, height);
                return true;
            }

            pos += length;
        }

        return false;
    }
}
