using MudBlazor;

namespace Genie.Portal.Layout;

/// <summary>The portal's colours, light and dark; one theme object so every page agrees.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#3949ab", AppbarBackground = "#283593" },
        PaletteDark = new PaletteDark { Primary = "#7986cb", AppbarBackground = "#1a1a27" },
    };
}
