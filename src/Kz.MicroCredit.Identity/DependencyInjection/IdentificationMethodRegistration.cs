namespace Kz.MicroCredit.Identity;

/// <summary>
/// One method registered through the builder: its id and how to build it. Kept apart from the method itself so that
/// only the methods a policy names are ever constructed, and so that the last registration of an id wins.
/// </summary>
internal sealed record IdentificationMethodRegistration(IdentificationMethodId Id, Func<IServiceProvider, IIdentificationMethod> Factory)
{
    /// <summary>Gets the effective registrations: the last one per id, in first-registration order.</summary>
    /// <param name="all">Every registration, in registration order.</param>
    /// <returns>One registration per id.</returns>
    public static IReadOnlyList<IdentificationMethodRegistration> Effective(IEnumerable<IdentificationMethodRegistration> all)
    {
        var byId = new Dictionary<IdentificationMethodId, IdentificationMethodRegistration>();
        var order = new List<IdentificationMethodId>();
        foreach (IdentificationMethodRegistration registration in all)
        {
            if (!byId.ContainsKey(registration.Id))
            {
                order.Add(registration.Id);
            }

            byId[registration.Id] = registration;
        }

        return order.Select(id => byId[id]).ToArray();
    }

    /// <summary>Gets the ids any configured policy names (mandatory or optional).</summary>
    /// <param name="options">The policies.</param>
    /// <returns>The ids.</returns>
    public static HashSet<IdentificationMethodId> UsedByPolicies(BorrowerIdentificationOptions options)
    {
        IEnumerable<IdentificationPolicy> policies = options.OperationPolicies.Values;
        if (options.DefaultPolicy is not null)
        {
            policies = policies.Append(options.DefaultPolicy);
        }

        return policies.SelectMany(p => p.MethodIds).ToHashSet();
    }
}
