using System.Buffers.Binary;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>The format of a face image.</summary>
public enum FaceImageFormat
{
    /// <summary>Not recognised.</summary>
    Unknown = 0,

    /// <summary>JPEG (JFIF/Exif), recognised by <c>FF D8 FF</c> and a SOF header.</summary>
    Jpeg = 1,

    /// <summary>PNG, recognised by its eight-byte signature and the IHDR chunk.</summary>
    Png = 2,
}
