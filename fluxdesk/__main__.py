import sys

from fluxdesk.main import main

sys.exit(main())
