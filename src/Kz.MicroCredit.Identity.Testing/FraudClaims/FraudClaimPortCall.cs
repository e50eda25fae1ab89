using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Testing.FraudClaims;

/// <summary>One call a fake port received.</summary>
/// <param name="Port">The port: <c>loan-servicing</c>, <c>credit-bureau</c>, <c>law-enforcement</c> or <c>evidence-lookup</c>.</param>
/// <param name="Operation">The operation, e.g. <c>SuspendInterestAccrual</c>.</param>
/// <param name="Key">The claim id (the correlation id for the evidence lookup).</param>
/// <param name="IdempotencyKey">The step's idempotency key, when the call carries one.</param>
/// <param name="Bureau">The bureau, for credit-bureau calls.</param>
public sealed record FraudClaimPortCall(string Port, string Operation, string Key, string? IdempotencyKey, CreditBureaus? Bureau = null);
