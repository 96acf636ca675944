//! Local simulator of Bland.ai, Alibaba dyvms and Tencent ccc. Not built yet: it arrives with its own issue.
