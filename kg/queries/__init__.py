"""Named SPARQL queries shipped with kg, one ``.rq`` file each (see ``kg.query``)."""
