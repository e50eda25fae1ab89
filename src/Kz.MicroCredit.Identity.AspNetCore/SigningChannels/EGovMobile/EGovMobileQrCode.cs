using QRCoder;

namespace Kz.MicroCredit.Identity.AspNetCore.SigningChannels.EGovMobile;

/// <summary>Renders a QR payload server side (pure managed QRCoder), so the page needs no script library for it.</summary>
internal static class EGovMobileQrCode
{
    // Level M survives a glare spot on a monitor and keeps the code small enough for a long https URL.
    public static string Svg(string payload)
    {
        using QRCodeData data = Encode(payload);
        return new SvgQRCode(data).GetGraphic(6);
    }

    public static byte[] Png(string payload)
    {
        using QRCodeData data = Encode(payload);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    private static QRCodeData Encode(string payload)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
    }
}
