using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Who performs a workflow step, on the strength of which document, and under which idempotency key.</summary>
public sealed class FraudClaimStep
{
    /// <summary>Initializes a new instance of the <see cref="FraudClaimStep"/> class.</summary>
    /// <param name="actor">The employee or system performing the step (a staff id, not a name).</param>
    /// <param name="document">The document behind the step.</param>
    /// <param name="idempotencyKey">
    /// The key that makes a retry of this step a replay; when <see langword="null"/>, the command and the document's kind
    /// and number are the key.
    /// </param>
    /// <exception cref="ArgumentException">The actor is empty, or a key is empty or longer than 200 characters.</exception>
    public FraudClaimStep(string actor, DocumentReference document, string? idempotencyKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(document);
        if (actor.Length > 128)
        {
            throw new ArgumentException("The actor is longer than 128 characters.", nameof(actor));
        }

        if (idempotencyKey is not null && (idempotencyKey.Length == 0 || idempotencyKey.Length > 200))
        {
            throw new ArgumentException("An idempotency key has 1 to 200 characters.", nameof(idempotencyKey));
        }

        Actor = actor;
        Document = document;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>Gets the actor.</summary>
    public string Actor { get; }

    /// <summary>Gets the document behind the step.</summary>
    public DocumentReference Document { get; }

    /// <summary>Gets the explicit idempotency key, or <see langword="null"/> to derive it from the command and the document.</summary>
    public string? IdempotencyKey { get; }

    /// <summary>Gets the key used for a command: the explicit key, or <c>command:kind:number</c>.</summary>
    /// <param name="command">The command.</param>
    /// <returns>The effective key.</returns>
    public string EffectiveKey(FraudClaimCommand command) =>
        IdempotencyKey ?? string.Concat(command.ToString(), ":", Document.Kind, ":", Document.Number);
}
