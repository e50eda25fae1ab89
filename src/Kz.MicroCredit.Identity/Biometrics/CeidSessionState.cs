using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>The state of a hosted session.</summary>
public enum CeidSessionState
{
    /// <summary>An unknown value: treated as a protocol error.</summary>
    Unknown = 0,

    /// <summary>Created; the borrower has not opened the page yet.</summary>
    Created = 1,

    /// <summary>The borrower is going through the liveness flow.</summary>
    InProgress = 2,

    /// <summary>Finished with a comparison result.</summary>
    Completed = 3,

    /// <summary>Expired without a result.</summary>
    Expired = 4,

    /// <summary>Ended without a comparison (abandoned, provider error).</summary>
    Failed = 5,
}
