using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kz.MicroCredit.Identity.Testing.Biometrics;

/// <summary>How the simulated CEID treats a person (scripted by IIN).</summary>
public enum CeidSimulatedBehaviour
{
    /// <summary>Match, similarity 0.97, liveness passed.</summary>
    Match = 0,

    /// <summary>No match, similarity 0.21.</summary>
    NoMatch = 1,

    /// <summary>Match, but similarity 0.62 (below the default threshold).</summary>
    LowScore = 2,

    /// <summary>Match, similarity 0.95, liveness failed.</summary>
    LivenessFailed = 3,

    /// <summary>No reference photo for the IIN (<c>reference_not_found</c>).</summary>
    Unknown = 4,

    /// <summary>Match, but the answer carries another IIN.</summary>
    OtherIin = 5,

    /// <summary>Answers a match after <see cref="CeidSimulator.SlowDelay"/>.</summary>
    Slow = 6,

    /// <summary>Answers HTTP 503.</summary>
    Failing = 7,
}
