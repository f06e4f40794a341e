using QRCoder;

namespace Registry.Web.Infrastructure.Web;

/// <summary>QR codes for links: the membership card, a session's check-in, an authenticator app's key, the PDF summary.</summary>
public static class QrCodes
{
    /// <summary>A PNG QR code for a link (served from the site: the CSP allows no inline images but its own).</summary>
    public static byte[] Png(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    /// <summary>A QR code for a link as rows of modules (true is dark), quiet zone included, for drawing it as shapes (the PDF summary).</summary>
    public static IReadOnlyList<bool[]> Modules(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray()).ToList();
    }
}
