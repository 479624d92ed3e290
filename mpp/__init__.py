"""What the kiosk (client) and central (server) share: the wire format and the rules both must agree on.

Imports neither `kiosk` nor `central`, and nothing heavier than the standard library, so installing
the server never pulls in Qt, printers or PDF, and both sides read one definition of each rule:
  wire      the sync protocol: versions, headers, limits, mutation shapes (long names <-> short keys)
  text      cleaning text from people, and the one table of field lengths
  regno     registration numbers (ISO 7064 MOD 37-2)
  sites     the 20 kecamatan, site codes, the site's time zone, the Crockford alphabet
  statuses  ticket and application statuses, their transitions and lifecycle order
  personal  NIK digits and masking of personal data
  skm       SKM scores and the IKM index
  catalog   validating a service catalog, and the bundled one (mpp/data/catalog.toml)
  errors    the errors these rules raise (a person can read their message)
"""

__version__ = "0.1.0"
