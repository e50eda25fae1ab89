using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Why a session did not start.</summary>
public enum RealTimePhotoStartStatus
{
    /// <summary>Started: the code was sent and the liveness session created.</summary>
    Started = 0,

    /// <summary>Too many codes for this phone or IIN in the window.</summary>
    RateLimited = 1,

    /// <summary>The liveness provider could not create a session.</summary>
    ProviderUnavailable = 2,

    /// <summary>The code could not be sent.</summary>
    OtpNotSent = 3,
}
