using System.Text;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The format of a signature input.</summary>
public enum EdsSignatureFormat
{
    /// <summary>Detect it (DER, PEM CMS/PKCS7, base64 CMS, or XML).</summary>
    Auto = 0,

    /// <summary>CMS / CAdES (DER, PEM or base64).</summary>
    Cms = 1,

    /// <summary>XMLDSig.</summary>
    Xml = 2,
}
