using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kz.MicroCredit.Identity.Testing.RealTimePhoto;

/// <summary>How a scripted person behaves in the liveness provider simulator.</summary>
public enum SimulatedPersonBehavior
{
    /// <summary>Performs the commands on the first attempt; the face matches (score 0.93).</summary>
    Pass = 0,

    /// <summary>Fails the liveness check three times: a final rejection.</summary>
    LivenessFail = 1,

    /// <summary>Passes liveness but the face does not match (score 0.41).</summary>
    LowScore = 2,

    /// <summary>Passes liveness but the provider reports a stream injection through a virtual camera.</summary>
    InjectionDetected = 3,

    /// <summary>Like <see cref="Pass"/>, but every answer is delayed by <see cref="LivenessProviderSimulator.SlowDelay"/>.</summary>
    Slow = 4,

    /// <summary>Every API call about this person answers 503.</summary>
    Failing = 5,
}
