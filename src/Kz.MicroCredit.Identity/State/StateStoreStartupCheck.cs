using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// The start-up check of the state stores (runs with the other <c>ValidateOnStart</c> options): a shared store with a
/// per-process random key is an error (each instance would hash codes and borrower keys differently), and in-process
/// stores in the Production environment are a warning, or an error when configured so. The stores are the ones their
/// capabilities described (<see cref="StateStoreDescriptor"/>), so this check knows no method's types.
/// </summary>
internal sealed class StateStoreStartupCheck : IValidateOptions<StateStoreOptions>
{
    private readonly IServiceProvider _services;

    public StateStoreStartupCheck(IServiceProvider services) => _services = services;

    public ValidateOptionsResult Validate(string? name, StateStoreOptions options)
    {
        var errors = new List<string>();
        var singleInstance = new List<string>();
        foreach (StateStoreDescriptor store in _services.GetServices<StateStoreDescriptor>())
        {
            if (Check(store, singleInstance) && store.SharedStoreProblem?.Invoke(_services) is { } problem && !errors.Contains(problem))
            {
                errors.Add(problem);
            }
        }

        IHostEnvironment? environment = _services.GetService<IHostEnvironment>();
        if (singleInstance.Count > 0 && environment is not null && environment.IsProduction())
        {
            string stores = string.Join(", ", singleInstance);
            if (options.FailOnSingleInstanceStoresInProduction)
            {
                errors.Add("Single-instance (in-process) state stores in Production: " + stores + ". Register a shared store (AddRedisState) or clear StateStoreOptions.FailOnSingleInstanceStoresInProduction.");
            }
            else
            {
                ILogger logger = _services.GetService<ILoggerFactory>()?.CreateLogger("Kz.MicroCredit.Identity.State") ?? NullLogger.Instance;
                StateLog.SingleInstanceStoresInProduction(logger, stores);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Resolves a store if registered; adds it to the single-instance list when in-process; true when shared.</summary>
    private bool Check(StateStoreDescriptor descriptor, List<string> singleInstance)
    {
        object? store = _services.GetService(descriptor.StoreType);
        if (store is null)
        {
            return false;
        }

        if (descriptor.IsInProcess(store))
        {
            singleInstance.Add(descriptor.Label);
            return false;
        }

        return true;
    }
}
