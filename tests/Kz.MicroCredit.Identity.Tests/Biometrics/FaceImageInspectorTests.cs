using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Biometrics;

public class FaceImageInspectorTests
{
    private static readonly KcmrBiometricsOptions Limits = new();

    [Fact]
    public void Generated_jpeg_reports_its_dimensions()
    {
        byte[] jpeg = SampleFaceImage.CreateJpeg(321, 243, comment: "x");
        Assert.True(FaceImageInspector.TryInspect(jpeg, out FaceImageInfo info));
        Assert.Equal(new FaceImageInfo(FaceImageFormat.Jpeg, 321, 243), info);
        Assert.Null(FaceImageInspector.Check(jpeg, Limits, out _));
    }

    [Fact]
    public void Png_header_is_read_from_ihdr()
    {
        byte[] png = Png(640, 480);
        Assert.True(FaceImageInspector.TryInspect(png, out FaceImageInfo info));
        Assert.Equal(new FaceImageInfo(FaceImageFormat.Png, 640, 480), info);
        Assert.Null(FaceImageInspector.Check(png, Limits, out _));
    }

    public static TheoryData<string, byte[]> NotImages => new()
    {
        { "empty", [] },
        { "text", "hello, I am a face"u8.ToArray() },
        { "gif", "GIF89a\x01\x00\x01\x00"u8.ToArray() },
        { "jpeg magic only", [0xFF, 0xD8, 0xFF] },
        { "jpeg cut before SOF", SampleFaceImage.CreateJpeg()[..40] },
        { "jpeg SOS before SOF", [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0, 0xFF, 0xD9] },
        { "jpeg bad segment length", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0, 0] },
        { "jpeg zero width", JpegWithSize(0, 100) },
        { "png without ihdr", [.. Png(10, 10)[..12], .. "IDAT"u8, .. new byte[20]] },
        { "png zero height", Png(10, 0) },
        { "png signature only", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] },
    };

    [Theory]
    [MemberData(nameof(NotImages))]
    public void Non_images_are_invalid(string name, byte[] bytes)
    {
        Assert.NotNull(name);
        Assert.Equal(ReasonCode.BiometricImageInvalid, FaceImageInspector.Check(bytes, Limits, out _));
    }

    [Theory]
    [InlineData(159, 400)]
    [InlineData(400, 159)]
    [InlineData(4097, 400)]
    [InlineData(400, 4097)]
    public void Dimensions_outside_limits_are_refused(int width, int height)
    {
        Assert.Equal(ReasonCode.BiometricImageOutOfLimits, FaceImageInspector.Check(SampleFaceImage.CreateJpeg(width, height), Limits, out _));
        Assert.Equal(ReasonCode.BiometricImageOutOfLimits, FaceImageInspector.Check(Png(width, height), Limits, out _));
    }

    [Fact]
    public void Oversized_payload_is_refused_before_parsing()
    {
        var options = new KcmrBiometricsOptions { MaxImageBytes = 100 };
        byte[] jpeg = SampleFaceImage.CreateJpeg(320, 240);
        Assert.True(jpeg.Length > 100);
        Assert.Equal(ReasonCode.BiometricImageOutOfLimits, FaceImageInspector.Check(jpeg, options, out _));
    }

    [Property(MaxTest = 500)]
    public void Arbitrary_bytes_never_throw(byte[] tail)
    {
        // Prefixed with the JPEG and PNG magic so the parsers, not only the magic check, see the noise.
        _ = FaceImageInspector.TryInspect([0xFF, 0xD8, 0xFF, .. tail], out _);
        _ = FaceImageInspector.TryInspect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. tail], out _);
        _ = FaceImageInspector.TryInspect(tail, out _);
    }

    [Property(MaxTest = 200)]
    public Property Jpeg_dimensions_round_trip(PositiveInt w, PositiveInt h)
    {
        int width = (w.Get % 5000) + 1;
        int height = (h.Get % 5000) + 1;
        bool ok = FaceImageInspector.TryInspect(SampleFaceImage.CreateJpeg(width, height), out FaceImageInfo info);
        return (ok && info.Width == width && info.Height == height).ToProperty();
    }

    internal static byte[] Png(int width, int height)
    {
        byte[] png = new byte[8 + 25];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(8), 13);
        "IHDR"u8.CopyTo(png.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), (uint)height);
        png[24] = 8; // bit depth
        png[25] = 2; // truecolour
        return png;
    }

    private static byte[] JpegWithSize(int width, int height)
    {
        byte[] jpeg = SampleFaceImage.CreateJpeg(16, 16);
        int sof = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), (ushort)width);
        return jpeg;
    }
}
