"""The kiosk's pages, one module each; `common` holds the Kembali / Beranda bar and the page helpers.

A page that performs a citizen's action (take a ticket, print an info sheet, look up a status, store a
survey) runs its one op through the UiContext itself and shows the result; the window only navigates.
"""

from kiosk.ui.kiosk.pages.booking import BookingPage
from kiosk.ui.kiosk.pages.choice import Choice, ChoicePage
from kiosk.ui.kiosk.pages.common import NavBar
from kiosk.ui.kiosk.pages.home import HomePage
from kiosk.ui.kiosk.pages.info import InfoPage
from kiosk.ui.kiosk.pages.priority import PriorityPage
from kiosk.ui.kiosk.pages.search import SearchPage
from kiosk.ui.kiosk.pages.status import StatusPage
from kiosk.ui.kiosk.pages.survey import SurveyPage
from kiosk.ui.kiosk.pages.thanks import ThanksPage
from kiosk.ui.kiosk.pages.ticket import TicketPage

__all__ = ["BookingPage", "Choice", "ChoicePage", "HomePage", "InfoPage", "NavBar", "PriorityPage", "SearchPage",
           "StatusPage", "SurveyPage", "ThanksPage", "TicketPage"]
