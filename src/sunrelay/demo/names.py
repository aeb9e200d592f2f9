"""Word lists for invented people and companies. Any likeness to a real one is chance."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """Comma-separated words (some names have spaces) as a tuple."""
    return tuple(w.strip() for w in text.split(",") if w.strip())


FIRST_NAMES = _words(
    """
    Aaliyah, Abdul, Ada, Adebayo, Aiko, Alejandro, Alessia, Amara, Amir, Ana, Anders, Anika,
    Arjun, Astrid, Ayesha, Beatriz, Bilal, Bo, Camila, Chen, Chiara, Chidi, Clara, Dalia, Dario,
    Deepa, Diego, Dmitri, Elena, Elif, Emeka, Emma, Fatima, Felipe, Finn, Freya, Gabriel, Giulia,
    Hana, Hamza, Hiroshi, Ibrahim, Ingrid, Isabel, Ivan, Jamal, Jana, Jin, Joao, Jonas, Julia,
    Kai, Kamala, Karim, Katarzyna, Kenji, Laila, Lars, Leila, Leon, Lina, Lucas, Luis, Maja,
    Malik, Maria, Mateo, Mei, Mia, Miguel, Mina, Nadia, Naledi, Nikhil, Nils, Noah, Olga, Omar,
    Oskar, Paula, Pedro, Rafael, Rania, Ravi, Rosa, Ruth, Sakura, Samuel, Sana, Santiago, Sara,
    Sean, Seo-yeon, Sipho, Sofia, Sven, Tariq, Thandiwe, Tobias, Valentina, Vikram, Wanjiru, Wei,
    Xavier, Yara, Yusuf, Zainab, Zoe
"""
)


LAST_NAMES = _words(
    """
    Abe, Adeyemi, Ahmed, Alvarez, Andersen, Bauer, Bergstrom, Bianchi, Campbell, Carvalho,
    Chatterjee, Cruz, Dubois, Eriksson, Fernandez, Fischer, Garcia, Gomez, Gupta, Haddad, Hansen,
    Hernandez, Hoffmann, Ivanova, Jensen, Johansson, Kaur, Kim, Kowalski, Kumar, Larsen, Lee,
    Lindqvist, Lopez, Mahlangu, Martin, Mbeki, Mendoza, Moreau, Morales, Muller, Mwangi,
    Nakamura, Nguyen, Novak, Nowak, Obi, Ochieng, Okonkwo, Oliveira, Park, Patel, Perez, Petrov,
    Popescu, Quispe, Ramirez, Reyes, Rossi, Saito, Santos, Schmidt, Sharma, Silva, Singh,
    Sorensen, Suzuki, Tanaka, Torres, Tran, Van Dijk, Vargas, Wagner, Walker, Wang, Weber,
    Wilson, Wong, Yamamoto, Yilmaz, Zhang, Zhou
"""
)


COMPANY_FIRST = _words(
    """
    Acre, Alder, Altitude, Amber, Anchor, Aster, Atlas, Aurora, Basalt, Beacon, Birch, Blue Mesa,
    Boreal, Bridgeway, Canyon, Cardinal, Cedar, Cobalt, Compass, Contour, Copperline, Coral,
    Crestline, Delta, Driftwood, Ember, Equinox, Fjord, Foxglove, Glacier, Granite, Harbor,
    Heron, Highland, Horizon, Ironwood, Juniper, Kestrel, Lantern, Larch, Latitude, Lumen,
    Magnolia, Maple, Marlin, Meridian, Mesa, Monsoon, Northwind, Oakridge, Orchard, Osprey,
    Pacifica, Parallax, Pinnacle, Polaris, Prairie, Quarry, Redwood, Ridgeline, Riverbend,
    Saltmarsh, Sequoia, Sierra, Solstice, Sparrow, Stonebridge, Summit, Tamarack, Tidewater,
    Timberline, Topaz, Tundra, Umber, Vantage, Vector, Verdant, Waypoint, Willow, Zenith
"""
)


COMPANY_SECOND = _words(
    """
    Analytics, Cartography, Cloud, Data, Dataworks, Devices, Energy, Fleet, Geodata, Geomatics,
    Geospatial, Grid, Infrastructure, Insights, Labs, Logistics, Mapping, Maps, Metrics,
    Mobility, Networks, Pipelines, Realty, Robotics, Routing, Sensors, Software, Stack, Survey,
    Systems, Telematics, Terrain, Transit, Utilities, Water, Works
"""
)


# Company names: "<first> <second>" with an optional legal suffix (mostly none).
COMPANY_SUFFIX = ("", "", "", "", "Inc.", "Ltd", "GmbH", "S.L.", "B.V.", "Co.")
DOMAIN_TLDS = ("test", "test", "example")  # reserved for examples and tests (RFC 2606)
