using Microsoft.Extensions.DependencyInjection;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// One state store as the start-up check sees it, registered by the capability that owns the store (its <c>Add…</c>
/// method), so that the check below the methods knows no method's types: which service to resolve, how to tell the
/// in-process implementation, and what a shared store of this kind needs.
/// </summary>
internal sealed class StateStoreDescriptor
{
    private StateStoreDescriptor(string label, Type storeType, Func<object, bool> isInProcess, Func<IServiceProvider, string?>? sharedStoreProblem)
    {
        Label = label;
        StoreType = storeType;
        IsInProcess = isInProcess;
        SharedStoreProblem = sharedStoreProblem;
    }

    /// <summary>Gets the store's name in messages (no personal data: a kind of record).</summary>
    public string Label { get; }

    /// <summary>Gets the service type the store is resolved as.</summary>
    public Type StoreType { get; }

    /// <summary>Gets the test for the library's in-process implementation.</summary>
    public Func<object, bool> IsInProcess { get; }

    /// <summary>Gets what a shared store of this kind needs: an error message when it is missing, null when not.</summary>
    public Func<IServiceProvider, string?>? SharedStoreProblem { get; }

    /// <summary>Registers the description of a store for the start-up check (once per label).</summary>
    /// <typeparam name="TStore">The store's service type.</typeparam>
    /// <typeparam name="TInProcess">The library's in-process implementation.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="label">The store's name in messages.</param>
    /// <param name="sharedStoreProblem">What a shared store needs (an error message when missing), or null.</param>
    public static void Register<TStore, TInProcess>(IServiceCollection services, string label, Func<IServiceProvider, string?>? sharedStoreProblem = null)
        where TStore : class
        where TInProcess : TStore
    {
        foreach (ServiceDescriptor existing in services)
        {
            if (existing.ServiceType == typeof(StateStoreDescriptor) && existing.ImplementationInstance is StateStoreDescriptor { Label: var known } && known == label)
            {
                return;
            }
        }

        services.AddSingleton(new StateStoreDescriptor(label, typeof(TStore), static store => store is TInProcess, sharedStoreProblem));
    }
}
