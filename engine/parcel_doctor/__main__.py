"""`python -m parcel_doctor`: the same as the `parcel-doctor` command."""

from parcel_doctor.cli.main import main

main()
