namespace Registry.Web;

/// <summary>Marks the shared resource files (Resources/SharedResource.{language}.resx, one a language): the English text is the key.</summary>
#pragma warning disable CA1052 // Used only as the type parameter of IStringLocalizer<SharedResource>.
public sealed class SharedResource
#pragma warning restore CA1052
{
}
