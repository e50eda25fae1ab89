namespace Kz.MicroCredit.Identity;

/// <summary>The evidence in a request, at most one instance per evidence type.</summary>
public sealed class BorrowerEvidenceSet
{
    private readonly Dictionary<Type, BorrowerEvidence> _items = [];

    /// <summary>Gets the number of evidence items.</summary>
    public int Count => _items.Count;

    /// <summary>Adds or replaces the evidence of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The evidence type.</typeparam>
    /// <param name="evidence">The evidence.</param>
    /// <returns>This collection.</returns>
    public BorrowerEvidenceSet Add<T>(T evidence)
        where T : BorrowerEvidence
    {
        ArgumentNullException.ThrowIfNull(evidence);
        _items[typeof(T)] = evidence;
        return this;
    }

    /// <summary>Gets the evidence of type <typeparamref name="T"/>, or <see langword="null"/>.</summary>
    /// <typeparam name="T">The evidence type.</typeparam>
    /// <returns>The evidence or <see langword="null"/>.</returns>
    public T? Get<T>()
        where T : BorrowerEvidence => _items.TryGetValue(typeof(T), out BorrowerEvidence? e) ? (T)e : null;

    /// <summary>Gets the evidence items for a method.</summary>
    /// <param name="methodId">The method.</param>
    /// <returns>The items.</returns>
    public IEnumerable<BorrowerEvidence> For(IdentificationMethodId methodId) => _items.Values.Where(e => e.MethodId == methodId);
}
