using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>The token endpoint failed; carries a reason code and whether a retry may help.</summary>
internal sealed class CeidTokenException : Exception
{
    public CeidTokenException()
        : this(ReasonCode.ProviderUnavailable, transient: true, httpStatus: null)
    {
    }

    public CeidTokenException(string message)
        : base(message)
    {
        Reason = ReasonCode.ProviderUnavailable;
    }

    public CeidTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = ReasonCode.ProviderUnavailable;
    }

    public CeidTokenException(ReasonCode reason, bool transient, int? httpStatus)
        : base("The CEID token endpoint did not issue a token.")
    {
        Reason = reason;
        Transient = transient;
        HttpStatus = httpStatus;
    }

    public ReasonCode Reason { get; }

    public bool Transient { get; }

    public int? HttpStatus { get; }
}
