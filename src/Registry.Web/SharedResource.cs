namespace Registry.Web;

/// <summary>Marks the shared resource file (Resources/SharedResource.es.resx): the English text is the key.</summary>
#pragma warning disable CA1052 // Used only as the type parameter of IStringLocalizer<SharedResource>.
public sealed class SharedResource
#pragma warning restore CA1052
{
}
