using System.Buffers.Binary;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>What the inspector found in a face image header.</summary>
/// <param name="Format">The format, <see cref="FaceImageFormat.Unknown"/> when not recognised.</param>
/// <param name="Width">The width in pixels (0 when unknown).</param>
/// <param name="Height">The height in pixels (0 when unknown).</param>
internal readonly record struct FaceImageInfo(FaceImageFormat Format, int Width, int Height);
