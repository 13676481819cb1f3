"""The JSON contract: the shape of every record brtrade prints for programs.

:mod:`.shapes` lists each record type's keys in order (pure data);
:mod:`.records` builds those records from the model. The renderers format
them and the persistent index stores them; neither decides their shape.
"""
