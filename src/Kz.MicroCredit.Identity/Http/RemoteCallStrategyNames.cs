using System.Net.Http;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.Http;

/// <summary>Names of the four strategies (<see langword="null"/> keeps Polly's default for that one).</summary>
/// <param name="Total">The total timeout.</param>
/// <param name="Retry">The retry.</param>
/// <param name="Breaker">The circuit breaker.</param>
/// <param name="Attempt">The per-attempt timeout.</param>
internal sealed record RemoteCallStrategyNames(string? Total, string? Retry, string? Breaker, string? Attempt);
